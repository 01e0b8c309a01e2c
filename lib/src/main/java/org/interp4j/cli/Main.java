package org.interp4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code interp4j} command line: one subcommand per task. */
@Command(name = "interp4j", mixinStandardHelpOptions = true,
        description = "Mechanistic interpretability of language models from the command line.",
        subcommands = {
                LogitsCommand.class,
                GenerateCommand.class,
                ExpertiseCommand.class,
                ProbeCommand.class,
                ResponsesCommand.class,
                SteerCommand.class,
                TransportCommand.class,
                DecomposeCommand.class,
                DeltaLpCommand.class,
                AblateCommand.class,
                SelectCommand.class,
                SurprisalCommand.class,
                GradeCommand.class,
                ReleaseCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand, show what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with {@link OneLineErrors}. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new OneLineErrors());
    }
}

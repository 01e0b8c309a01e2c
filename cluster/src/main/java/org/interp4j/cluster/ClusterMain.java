package org.interp4j.cluster;

import org.interp4j.cli.OneLineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code interp4j-cluster} command line: the kit's long jobs spread over Apache Spark, on the cores
 * of this machine (no {@code --master}) or on a cluster ({@code --master spark://…}, {@code yarn}, {@code k8s://…}).
 */
@Command(name = "interp4j-cluster", mixinStandardHelpOptions = true,
        description = "Grade submissions or ablate neurons on Apache Spark: in-process on this machine, or on a cluster.",
        subcommands = {ClusterGradeCommand.class, ClusterAblateCommand.class, CommandLine.HelpCommand.class})
public final class ClusterMain implements Runnable {

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

    /** The command line, with the kit's {@link OneLineErrors}. */
    public static CommandLine commandLine() {
        return new CommandLine(new ClusterMain()).setExecutionExceptionHandler(new OneLineErrors());
    }
}

package org.interp4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code interp4j} command line: one subcommand per task, listed one per line below. */
@Command(name = "interp4j", mixinStandardHelpOptions = true,
        description = "Mechanistic interpretability of language models, from the command line.",
        subcommands = {
                ProbeCommand.class,
        })
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}

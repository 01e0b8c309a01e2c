package org.interp4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "interp4j", mixinStandardHelpOptions = true,
        description = "interp4j: mechanistic interpretability of language models, from Java.",
        subcommands = {GradeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package org.interp4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * Bad input ends in one line saying what to fix (exit status 2); only real bugs print a stack
 * trace. The kit's command lines ({@code interp4j}, {@code interp4j-cluster}) all handle errors so.
 */
public final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof IOException || e instanceof UncheckedIOException) {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw e;
    }
}

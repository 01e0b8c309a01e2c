package org.interp4j.cli;

import org.interp4j.decompose.Decomposer;
import picocli.CommandLine.Option;

/** {@code --length} of the decomposition commands: how many recent source tokens keep their own part. */
final class SourceLengthOption {

    @Option(names = "--length", description = "Keep parts of only the N most recent source tokens (default: all).")
    Integer length;

    /** The length given, or {@link Decomposer#ALL} without the option. */
    int sources() {
        return length == null ? Decomposer.ALL : length;
    }
}

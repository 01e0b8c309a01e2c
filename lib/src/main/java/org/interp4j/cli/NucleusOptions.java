package org.interp4j.cli;

import org.interp4j.model.GenerateOptions;
import picocli.CommandLine.Option;

/** {@code --top-k} and {@code --top-p}: which tokens sampling may draw from, for {@code generate} and {@code steer}. */
final class NucleusOptions {

    @Option(names = "--top-k", defaultValue = "0", description = "Sample only among the k most likely tokens (0: all).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass (1: all).")
    double topP;

    GenerateOptions restrict(GenerateOptions sampling) {
        return sampling.withTopK(topK).withTopP(topP);
    }
}

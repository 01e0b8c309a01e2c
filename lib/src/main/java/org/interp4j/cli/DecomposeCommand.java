package org.interp4j.cli;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.interp4j.decompose.Decomposer;
import org.interp4j.decompose.Decomposition;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes the token-wise decomposition of the final hidden state as a float32 .npy file. */
@Command(name = "decompose", mixinStandardHelpOptions = true,
        description = {"Split the final (post-norm) hidden state into one part per source token and write "
                + "float32 [batch, target, source + 1, d_model] to a .npy file.",
                "Index source = positions holds the remainder (biases, and sources older than --length); "
                + "parts are zero where the source comes after the target. Summed over sources they give the hidden state."})
public final class DecomposeCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--ids", required = true, description = "Rows of ids: commas within a row, ';' between rows, e.g. \"5,17,300;1,2,3\".")
    String ids;

    @Mixin
    SourceLengthOption length;

    @Option(names = "--out", required = true, description = "The .npy file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        long[][] rows = LogitsCommand.parseIds(ids);
        try (LanguageModel m = model.load(); Decomposition d = Decomposer.decompose(m, rows, length.sources())) {
            NDArray parts = d.absoluteParts();
            Npy.writeFloats(out, parts.toFloatArray(), parts.getShape().getShape());
            System.err.printf("wrote %s %s (max |sum of parts - hidden state| = %.2e)%n", out, parts.getShape(), d.maxAbsError());
        }
        return 0;
    }
}

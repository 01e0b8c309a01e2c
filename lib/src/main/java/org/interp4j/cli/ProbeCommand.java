package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.interp4j.data.Labels;
import org.interp4j.io.Npy;
import org.interp4j.probe.UnitProbeResult;
import org.interp4j.probe.UnitProbes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j probe --x X.npy --y y.npy --out probe.csv}: one logistic regression per unit
 * (column of X) predicting the 0/1 labels, written as CSV {@code unit,beta,intercept,pvalue,accuracy}.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Fit one logistic regression per unit (column of X) to 0/1 labels; write beta, intercept, "
                + "Wald p-value and in-sample accuracy (%%) per unit as CSV.")
public final class ProbeCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--x", required = true, paramLabel = "X.npy", description = "activations [samples, units], float32 or float64")
    Path x;

    @Option(names = "--y", required = true, paramLabel = "y.npy", description = "labels [samples], 0 or 1")
    Path y;

    @Option(names = "--out", required = true, paramLabel = "probe.csv", description = "CSV to write")
    Path out;

    @Option(names = "--alpha", defaultValue = "0.05", description = "family-wise alpha for the Bonferroni count printed at the end (default ${DEFAULT-VALUE})")
    double alpha;

    @Override
    public Integer call() {
        UnitProbeResult result;
        try {
            Npy.Array xa = read(x, "--x");
            Npy.Array ya = read(y, "--y");
            if (xa.shape().length != 2) {
                return fail("--x " + x + " has shape " + Arrays.toString(xa.shape()) + "; it must be 2-D [samples, units].");
            }
            if (ya.shape().length != 1) {
                return fail("--y " + y + " has shape " + Arrays.toString(ya.shape()) + "; it must be 1-D [samples].");
            }
            if (xa.shape()[0] != ya.shape()[0]) {
                return fail("--x has " + xa.shape()[0] + " samples (rows) but --y has " + ya.shape()[0]
                        + " labels; they must describe the same samples.");
            }
            int[] yi = Labels.fromNpy(ya, "--y " + y);
            result = UnitProbes.fit(xa.toFloats(), xa.dim(0), xa.dim(1), yi, UnitProbes.Options.statsmodels());
        } catch (IllegalArgumentException | IOException e) {
            return fail(e.getMessage());
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            result.writeCsv(out);
        } catch (IOException e) {
            return fail("Cannot write --out " + out + ": " + e.getMessage());
        }
        int significant = 0;
        for (boolean b : result.bonferroniMask(alpha)) if (b) significant++;
        spec.commandLine().getOut().println("Wrote " + result.units() + " units to " + out + "; " + significant
                + " have a positive slope with p < " + alpha + "/" + result.units() + ".");
        return 0;
    }

    private static Npy.Array read(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(option + " " + file + " does not exist: give the path of a .npy file.");
        }
        try {
            return Npy.read(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(option + " " + file + " is not a readable .npy file (" + e.getMessage() + ").");
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("interp4j probe: " + message);
        return BAD_INPUT;
    }
}

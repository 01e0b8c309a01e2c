package org.interp4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.data.Labels;
import org.interp4j.expertise.Expertise;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.expertise.UnitExpertise;
import org.interp4j.responses.UnitLayout;
import org.interp4j.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j expertise}: the expertise table of every unit for one concept, from saved
 * responses and labels, like the original's {@code compute_expertise.py}.
 */
@Command(name = "expertise", mixinStandardHelpOptions = true,
        description = "Average precision of every unit as a concept detector, plus its forcing values, as an expertise CSV.")
public final class ExpertiseCommand implements Callable<Integer> {

    @Option(names = "--responses", required = true, paramLabel = "X.npy",
            description = "Responses [samples, units], float32 (any numeric dtype is accepted).")
    Path responses;

    @Option(names = "--labels", required = true, paramLabel = "y.npy",
            description = "One label per sample: 1 with the concept, 0 without.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "expertise.csv", description = "Where to write the table.")
    Path out;

    @Option(names = "--layer-sizes", split = ",", paramLabel = "N",
            description = "Units per layer, in column order, e.g. 3072,3072,... (default: the layers of the X.layout.json "
                    + "sidecar written by interp4j responses, else one layer).")
    int[] layerSizes;

    @Option(names = "--layer-names", split = ",", paramLabel = "NAME",
            description = "Layer names, in column order (default: layer_0, layer_1, ...).")
    List<String> layerNames;

    @Option(names = "--concept", description = "Concept name, written in a concept column.")
    String concept;

    @Option(names = "--group", description = "Concept group, written in a group column.")
    String group;

    @Option(names = "--top-k", defaultValue = "10", paramLabel = "K", description = "Experts to print (default: ${DEFAULT-VALUE}).")
    int topK;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Npy.Array xa = Npy.read(responses);
            if (xa.shape().length != 2) {
                throw new IllegalArgumentException(responses + " has shape " + Arrays.toString(xa.shape())
                        + ": save the responses as a 2-D [samples, units] array.");
            }
            int samples = xa.dim(0), units = xa.dim(1);
            int[] y = Labels.fromNpy(Npy.read(labels), labels.toString());
            UnitLayout layout = layout(units);
            ExpertiseResult result = Expertise.compute(floats(xa), samples, units, y, layout);
            if (concept != null || group != null) result.writeCsv(out, concept, group);
            else result.writeCsv(out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d units x %d samples -> %s%n", units, samples, out);
            for (UnitExpertise e : result.top(topK)) {
                o.printf(Locale.ROOT, "%-16s unit %6d  ap %.4f  on_p50 %.4g  off_p50 %.4g%n",
                        e.layer(), e.unit(), e.ap(), e.onP50(), e.offP50());
            }
            o.flush();
            return 0;
        } catch (IllegalArgumentException | IOException | UncheckedIOException | IndexOutOfBoundsException e) {
            err.println("expertise: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /**
     * Layers from the options when given, else from the sidecar {@code X.layout.json} that
     * {@code interp4j responses} writes next to {@code X.npy} (hook point names and sizes), else one layer.
     */
    private UnitLayout layout(int units) throws IOException {
        if (layerSizes != null) {
            return layerNames != null ? UnitLayout.of(layerNames, layerSizes) : UnitLayout.ofSizes(layerSizes);
        }
        if (layerNames != null) return UnitLayout.evenly(layerNames, units);
        return ResponsesMatrix.readLayout(responses, units);
    }

    /** float32 data is copied straight out of the file; other dtypes go through the converter. */
    private static float[] floats(Npy.Array a) {
        if (a.dtype().endsWith("f4")) {
            float[] x = new float[Math.toIntExact(a.size())];
            ByteOrder order = a.dtype().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            a.data().duplicate().order(order).asFloatBuffer().get(x);
            return x;
        }
        return a.toFloats();
    }
}

package org.interp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.ablate.NeuronSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code interp4j select}: token-frequency neurons from an effects CSV, like the original's {@code analyze_unigram.py}. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Select the top boost or suppress token-frequency neurons from an `ablate` effects CSV.")
public final class SelectCommand implements Callable<Integer> {

    @Option(names = "--effects", required = true, paramLabel = "effects.csv", description = "Table written by `interp4j ablate`.")
    Path effects;

    @Option(names = "--effect", defaultValue = "suppress", description = "boost or suppress (default: ${DEFAULT-VALUE}).")
    String effect;

    @Option(names = "--top-n", defaultValue = "10", paramLabel = "N", description = "Neurons to keep (default: ${DEFAULT-VALUE}).")
    int topN;

    @Option(names = "--out", required = true, paramLabel = "selected.csv", description = "Where to write the selection.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table selected = NeuronSelection.select(NeuronSelection.read(effects), NeuronSelection.Effect.parse(effect), topN);
        selected.write().csv(out.toFile());
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d %s neurons -> %s%n", selected.rowCount(), effect, out);
        for (int i = 0; i < selected.rowCount(); i++) {
            o.printf(Locale.ROOT, "%3d  %-8s mediation %.4f  kl_from_unigram_diff %+.5f%n", i + 1,
                    component(selected, i), selected.doubleColumn("mediation_effect").getDouble(i),
                    selected.numberColumn("kl_from_unigram_diff").getDouble(i));
        }
        o.flush();
        return 0;
    }

    /** layer.neuron, from the numeric columns: a CSV read back types "29.5" as a number, not text. */
    private static String component(Table t, int row) {
        return (int) t.numberColumn("layer").getDouble(row) + "." + (int) t.numberColumn("neuron").getDouble(row);
    }
}

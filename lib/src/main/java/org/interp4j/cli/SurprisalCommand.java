package org.interp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.ablate.NeuronSelection;
import org.interp4j.ablate.SurprisalComparison;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code interp4j surprisal}: long-tail vs common word surprisal with selected neurons ablated, like {@code compute_surprisal.py}. */
@Command(name = "surprisal", mixinStandardHelpOptions = true,
        description = "Surprisal of long-tail and common words in context, unablated and with selected neurons zero- and mean-ablated.")
public final class SurprisalCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, defaultValue = "smollm2-135m", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--neurons", required = true, paramLabel = "selected.csv", description = "Selection written by `interp4j select`.")
    Path neurons;

    @Option(names = "--contexts", defaultValue = "400", paramLabel = "N",
            description = "Word contexts, spread evenly over both classes (default: ${DEFAULT-VALUE}, all).")
    int contexts;

    @Option(names = "--out", required = true, paramLabel = "surprisal.csv", description = "Where to write the per-word table.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table sel = NeuronSelection.read(neurons);
        int[] ns = NeuronSelection.neurons(sel);
        if (ns.length == 0) throw new IllegalArgumentException(neurons + " selects no neurons: nothing to ablate.");
        int layer = (int) sel.numberColumn("layer").getDouble(0);
        try (LanguageModel lm = LanguageModel.load(model)) {
            var picked = AblateCommand.spread(BrownCorpus.open().longtailContexts(), contexts);
            Table perWord = SurprisalComparison.compute(lm, picked, layer, ns, 8);
            perWord.write().csv(out.toFile());
            Table summary = SurprisalComparison.summary(perWord);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d neurons of layer %d ablated; %d words -> %s%n", ns.length, layer, perWord.rowCount(), out);
            o.printf(Locale.ROOT, "%-9s %6s %10s %10s %10s%n", "class", "words", "surprisal", "d_zero", "d_mean");
            for (int i = 0; i < summary.rowCount(); i++) {
                o.printf(Locale.ROOT, "%-9s %6d %10.4f %+10.4f %+10.4f%n", summary.stringColumn("class").get(i),
                        summary.intColumn("words").get(i), summary.doubleColumn("surprisal").get(i),
                        summary.doubleColumn("delta_zero").get(i), summary.doubleColumn("delta_mean").get(i));
            }
            o.flush();
            return 0;
        }
    }
}

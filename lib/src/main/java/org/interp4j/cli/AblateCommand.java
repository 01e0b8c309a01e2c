package org.interp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.ablate.NeuronEffects;
import org.interp4j.ablate.ScoredTexts;
import org.interp4j.ablate.TokenFrequencies;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j ablate}: per-neuron effects of one MLP layer (default the last) over the lecture's
 * word contexts, like the original's {@code ablate_unigram.py}: total, direct and frozen-unigram
 * loss changes, entropy changes and KL divergences, one CSV row per neuron.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Mean- or zero-ablate every neuron of an MLP layer and write the per-neuron effects as CSV.")
public final class AblateCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, defaultValue = "smollm2-135m", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    AblationOptions ablation = new AblationOptions();

    @Option(names = "--neurons", split = ",", paramLabel = "N", description = "Only these neurons (default: all).")
    int[] neurons;

    @Option(names = "--out", required = true, paramLabel = "effects.csv", description = "Where to write the table.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NeuronEffects.Mode m = ablation.mode();
        PrintWriter o = spec.commandLine().getOut();
        try (LanguageModel lm = LanguageModel.load(model)) {
            List<BrownCorpus.Context> picked = spread(BrownCorpus.open().longtailContexts(), ablation.contexts);
            ScoredTexts texts = ScoredTexts.ofContexts(lm, picked);
            NeuronEffects effects = NeuronEffects.of(lm).mode(m).unigram(TokenFrequencies.brown(lm));
            if (ablation.layer >= 0) effects.layer(ablation.layer);
            if (neurons != null) effects.neurons(neurons);
            long t0 = System.nanoTime();
            var table = effects.computeToCsv(texts, out);
            o.printf(Locale.ROOT, "%d neurons x %d scored positions (%d contexts) in %.1f s -> %s%n",
                    table.rowCount(), texts.count(), texts.size(), (System.nanoTime() - t0) / 1e9, out);
            o.flush();
            return 0;
        }
    }

    /**
     * n contexts taken at even steps, so both word classes are represented. Public so that a run split
     * over machines (interp4j-cluster ablate) scores exactly the same contexts.
     */
    public static List<BrownCorpus.Context> spread(List<BrownCorpus.Context> all, int n) {
        if (n < 1) throw new IllegalArgumentException("--contexts must be at least 1, got " + n + ".");
        int k = Math.min(n, all.size());
        List<BrownCorpus.Context> out = new ArrayList<>();
        for (int i = 0; i < k; i++) out.add(all.get((int) ((long) i * all.size() / k)));
        return out;
    }
}

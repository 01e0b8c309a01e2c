package org.interp4j.ablate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Surprisal of long-tail and common words in their contexts, unablated and with chosen neurons of
 * one layer zero- and mean-ablated (the original's {@code compute_surprisal.py}, one checkpoint).
 * Mean ablation uses each neuron's mean over all positions of the contexts themselves.
 */
public final class SurprisalComparison {
    private SurprisalComparison() {}

    /** One row per context: id, word, class, surprisal, surprisal_zero, surprisal_mean and the two changes. */
    public static Table compute(LanguageModel model, List<BrownCorpus.Context> contexts, int layer, int[] neurons,
                                int batchSize) {
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("The word set is empty: give at least one context with its word.");
        }
        String hook = "blocks." + layer + ".mlp.hook_post";
        Ablation.check(model, hook, neurons);
        ScoredTexts words = ScoredTexts.ofContexts(model, contexts);
        float[] means = MeanActivations.compute(model, hook, words.rows());
        double[] base = WordSurprisal.compute(model, words, batchSize);
        double[] zero = WordSurprisal.compute(model, words, batchSize, Ablation.zero(model, hook, neurons).hooked());
        double[] mean = WordSurprisal.compute(model, words, batchSize,
                Ablation.mean(model, hook, neurons, means).hooked());
        StringColumn id = StringColumn.create("id"), word = StringColumn.create("word"), cls = StringColumn.create("class");
        IntColumn tokens = IntColumn.create("word_tokens");
        DoubleColumn s0 = DoubleColumn.create("surprisal"), sz = DoubleColumn.create("surprisal_zero"),
                sm = DoubleColumn.create("surprisal_mean"), dz = DoubleColumn.create("delta_zero"),
                dm = DoubleColumn.create("delta_mean");
        for (int i = 0; i < contexts.size(); i++) {
            BrownCorpus.Context c = contexts.get(i);
            id.append(c.id());
            word.append(c.word());
            cls.append(c.wordClass());
            tokens.append(words.positions()[i].length);
            s0.append(base[i]);
            sz.append(zero[i]);
            sm.append(mean[i]);
            dz.append(zero[i] - base[i]);
            dm.append(mean[i] - base[i]);
        }
        return Table.create("word surprisal", id, word, cls, tokens, s0, sz, sm, dz, dm);
    }

    /** Mean surprisal and mean change per word class (and over all words). */
    public static Table summary(Table perWord) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        StringColumn cls = perWord.stringColumn("class");
        for (int i = 0; i < perWord.rowCount(); i++) groups.computeIfAbsent(cls.get(i), k -> new ArrayList<>()).add(i);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < perWord.rowCount(); i++) all.add(i);
        groups.put("all", all);
        StringColumn name = StringColumn.create("class");
        IntColumn n = IntColumn.create("words");
        String[] cols = {"surprisal", "surprisal_zero", "surprisal_mean", "delta_zero", "delta_mean"};
        DoubleColumn[] out = new DoubleColumn[cols.length];
        for (int k = 0; k < cols.length; k++) out[k] = DoubleColumn.create(cols[k]);
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            name.append(g.getKey());
            n.append(g.getValue().size());
            for (int k = 0; k < cols.length; k++) {
                double s = 0;
                for (int i : g.getValue()) s += perWord.doubleColumn(cols[k]).getDouble(i);
                out[k].append(s / g.getValue().size());
            }
        }
        Table t = Table.create("surprisal by class", name, n);
        t.addColumns(out);
        return t;
    }
}

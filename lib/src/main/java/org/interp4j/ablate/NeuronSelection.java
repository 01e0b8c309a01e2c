package org.interp4j.ablate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Token-frequency neuron selection, the original's {@code analyze_unigram.py} heuristic on a
 * per-neuron effects table:
 * <ol>
 * <li>keep {@code boost} neurons (ablating them moves the model away from the unigram distribution:
 *     mean KL(unigram ‖ model) rises, {@code kl_from_unigram_diff > 0}) or {@code suppress} neurons
 *     ({@code kl_from_unigram_diff < 0});</li>
 * <li>mediation effect = 1 − |Δloss with frozen unigram| / |Δloss total| (means of absolute values
 *     per position): the share of the neuron's effect that goes through the frequency direction;</li>
 * <li>rank by mediation effect, then by |KL-from-unigram change|, both descending; keep the top N.</li>
 * </ol>
 */
public final class NeuronSelection {
    public enum Effect {
        BOOST, SUPPRESS;

        public static Effect parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "boost" -> BOOST;
                case "suppress" -> SUPPRESS;
                default -> throw new IllegalArgumentException("Unknown effect '" + s + "': use boost or suppress.");
            };
        }
    }

    private NeuronSelection() {}

    static final String[] REQUIRED = {"layer", "neuron", "abs_delta_loss_total", "abs_delta_loss_frozen_unigram",
            "kl_from_unigram_diff", "abs_kl_from_unigram_diff"};

    /** The top N neurons of one kind, ranked, with a {@code mediation_effect} and {@code rank} column. */
    public static Table select(Table effects, Effect effect, int topN) {
        if (topN < 1) throw new IllegalArgumentException("top N must be at least 1, got " + topN + ".");
        for (String c : REQUIRED) {
            if (!effects.columnNames().contains(c)) {
                throw new IllegalArgumentException("The effects table has no column '" + c
                        + "': make it with NeuronEffects (or `interp4j ablate`) with unigram counts, on the last layer.");
            }
        }
        Table t = effects.copy();
        DoubleColumn kl = t.numberColumn("kl_from_unigram_diff").asDoubleColumn();
        t = effect == Effect.BOOST ? t.where(kl.isGreaterThan(0)) : t.where(kl.isLessThan(0));
        DoubleColumn total = t.numberColumn("abs_delta_loss_total").asDoubleColumn();
        DoubleColumn frozen = t.numberColumn("abs_delta_loss_frozen_unigram").asDoubleColumn();
        DoubleColumn med = DoubleColumn.create("mediation_effect");
        for (int i = 0; i < t.rowCount(); i++) med.append(1 - frozen.getDouble(i) / total.getDouble(i));
        t.addColumns(med);
        t = t.sortDescendingOn("mediation_effect", "abs_kl_from_unigram_diff").first(topN);
        IntColumn rank = IntColumn.create("rank");
        for (int i = 0; i < t.rowCount(); i++) rank.append(i + 1);
        t.insertColumn(0, rank);
        t.setName(effect.name().toLowerCase(Locale.ROOT) + " neurons");
        return t;
    }

    /** Reads an effects (or selection) CSV written by this kit. */
    public static Table read(Path csv) {
        if (!csv.toFile().isFile()) {
            throw new IllegalArgumentException("No such file: " + csv + " (make it with `interp4j ablate`).");
        }
        Table t;
        try {
            t = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(csv + " is not a readable CSV table: " + e.getMessage(), e);
        }
        if (t.rowCount() == 0) {
            throw new IllegalArgumentException(csv + " has no rows: there are no neurons to select or ablate.");
        }
        return t;
    }

    /**
     * {@code n} distinct neurons of a layer of {@code dMlp} drawn at random with a fixed seed, none of
     * {@code exclude}: the baseline a selection must beat (do chosen neurons matter more than any
     * {@code n}?). Sorted.
     */
    public static int[] random(int dMlp, int n, long seed, int... exclude) {
        Set<Integer> out = new HashSet<>();
        for (int e : exclude) out.add(e);
        int excluded = out.size();
        if (n < 1 || n > dMlp - excluded) {
            throw new IllegalArgumentException("Cannot draw " + n + " neurons from " + dMlp + " with " + excluded
                    + " excluded: ask for 1.." + (dMlp - excluded) + ".");
        }
        Random rng = new Random(seed);
        List<Integer> drawn = new ArrayList<>();
        while (drawn.size() < n) {
            int k = rng.nextInt(dMlp);
            if (out.add(k)) drawn.add(k);
        }
        return drawn.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The neuron indices of a selection table, in rank order. */
    public static int[] neurons(Table selection) {
        if (!selection.columnNames().contains("neuron")) {
            throw new IllegalArgumentException("The table has no 'neuron' column: pass a selection made by `interp4j select`.");
        }
        int[] n = new int[selection.rowCount()];
        for (int i = 0; i < n.length; i++) n[i] = (int) selection.numberColumn("neuron").getDouble(i);
        return n;
    }
}

package org.interp4j.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A control for probes of target words: does a unit or a layer tell the classes apart, or only the
 * words? Samples are split by their word into two parts that share no word, each part holding
 * words of both classes; a probe trained on one part is scored on the other. A probe that has
 * learnt only the identity of the training words (the token "not" against the token "can") has
 * nothing to go on for words it never saw and scores at chance; whatever it keeps above chance is
 * a property of the class that carries over to new words.
 *
 * <p>The split: within each class the words, most frequent first (ties alphabetical), go one by
 * one to the part holding fewer samples of that class so far, which balances the parts as well as
 * the words allow. Scores are balanced accuracies (the mean of the two classes' recall), so chance
 * is 50 % however unequal the held-out classes are.
 */
public final class HeldOutWords {
    private final int[] part;                                  // 0 or 1 per sample
    private final List<Map<Integer, Map<String, Integer>>> words; // [part] label -> word -> samples

    private HeldOutWords(int[] part, List<Map<Integer, Map<String, Integer>>> words) {
        this.part = part;
        this.words = words;
    }

    /** @param words the word of each sample (e.g. its target token, lower-cased); @param labels 0/1. */
    public static HeldOutWords split(String[] words, int[] labels) {
        if (words.length != labels.length) {
            throw new IllegalArgumentException("There are " + words.length + " words but " + labels.length
                    + " labels: pass one word per sample.");
        }
        UnitProbes.checkLabels(labels, labels.length);
        int[] part = new int[words.length];
        List<Map<Integer, Map<String, Integer>>> byPart = List.of(new TreeMap<>(), new TreeMap<>());
        for (int label = 0; label <= 1; label++) {
            Map<String, Integer> counts = new TreeMap<>();
            for (int i = 0; i < words.length; i++) if (labels[i] == label) counts.merge(words[i], 1, Integer::sum);
            if (counts.size() < 2) {
                throw new IllegalArgumentException("Class " + label + " has only one word " + counts.keySet()
                        + ": a held-out-word split needs at least two different words in each class.");
            }
            List<Map.Entry<String, Integer>> order = new ArrayList<>(counts.entrySet());
            order.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            int[] filled = new int[2];
            Map<String, Integer> partOf = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : order) {
                int p = filled[1] < filled[0] ? 1 : 0;
                filled[p] += e.getValue();
                partOf.put(e.getKey(), p);
                byPart.get(p).computeIfAbsent(label, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
            }
            for (int i = 0; i < words.length; i++) if (labels[i] == label) part[i] = partOf.get(words[i]);
        }
        return new HeldOutWords(part, byPart);
    }

    /** The part (0 or 1) of every sample. */
    public int[] part() { return part.clone(); }

    /** The words of a class in a part, with their sample counts, most frequent first. */
    public Map<String, Integer> words(int part, int label) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(words.get(part).getOrDefault(label, Map.of())));
    }

    /** The sample indices of a part, in order. */
    public List<Integer> rows(int p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < part.length; i++) if (part[i] == p) out.add(i);
        return out;
    }

    /** The rows of a part of a matrix [samples][units]. */
    public float[][] rowsOf(float[][] x, int p) {
        requireSamples(x.length);
        return rows(p).stream().map(i -> x[i]).toArray(float[][]::new);
    }

    /** The labels of a part. */
    public int[] labelsOf(int[] y, int p) {
        requireSamples(y.length);
        return rows(p).stream().mapToInt(i -> y[i]).toArray();
    }

    /** Held-out balanced accuracies (percent): trained on part 0 scored on part 1, the reverse, and their mean. */
    public record Result(double trainedOnPart0, double trainedOnPart1) {
        public double mean() { return (trainedOnPart0 + trainedOnPart1) / 2; }
    }

    /** A population probe ({@link LayerProbe}'s L2 logistic regression) trained on one part's words, scored on the other's. */
    public Result probe(float[][] x, int[] y, LayerProbe.Options options) {
        requireSamples(x.length);
        requireSamples(y.length);
        double[] score = new double[2];
        for (int train = 0; train <= 1; train++) {
            List<Integer> trainRows = rows(train), testRows = rows(1 - train);
            int[] predicted = LayerProbe.fitAndPredict(x, y, trainRows, testRows, options, "word part " + train);
            int[] truth = testRows.stream().mapToInt(i -> y[i]).toArray();
            score[train] = balancedAccuracy(predicted, truth);
        }
        return new Result(score[0], score[1]);
    }

    /**
     * Units tuned (Bonferroni over the units given, {@code beta > 0}) on the words of part 0 and,
     * separately, on the words of part 1: a unit that only tracks the training words' identity
     * cannot pass on both.
     */
    public boolean[] tunedInBoth(float[][] x, int[] y) {
        boolean[] a = UnitProbes.fit(rowsOf(x, 0), labelsOf(y, 0)).bonferroniMask();
        boolean[] b = UnitProbes.fit(rowsOf(x, 1), labelsOf(y, 1)).bonferroniMask();
        boolean[] out = new boolean[a.length];
        for (int u = 0; u < out.length; u++) out[u] = a[u] && b[u];
        return out;
    }

    /** The mean of the two classes' recall, in percent: 50 for any constant or random guess. */
    public static double balancedAccuracy(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " labels.");
        }
        int[] hits = new int[2], totals = new int[2];
        for (int i = 0; i < truth.length; i++) {
            totals[truth[i]]++;
            if (predicted[i] == truth[i]) hits[truth[i]]++;
        }
        if (totals[0] == 0 || totals[1] == 0) {
            throw new IllegalArgumentException("Balanced accuracy needs samples of both classes among the labels.");
        }
        return 50.0 * ((double) hits[0] / totals[0] + (double) hits[1] / totals[1]);
    }

    private void requireSamples(int n) {
        if (n != part.length) {
            throw new IllegalArgumentException("The split was made for " + part.length + " samples but " + n
                    + " were given: use the same samples, in the same order.");
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("HeldOutWords[");
        for (int p = 0; p <= 1; p++) {
            if (p > 0) s.append("; ");
            s.append("part ").append(p).append(": ").append(words.get(p));
        }
        return s.append(']').toString();
    }
}

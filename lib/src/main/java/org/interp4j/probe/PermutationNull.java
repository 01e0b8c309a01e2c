package org.interp4j.probe;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The false-positive level of a whole per-unit analysis, measured rather than assumed: the same
 * probes refitted with the labels shuffled across samples, several times. Shuffling keeps the
 * activations and the class sizes but breaks any link between them, so every unit is untuned by
 * construction and whatever passes a threshold passes by chance.
 *
 * <p>A family is one set of tests sharing a Bonferroni divisor, e.g. all Q, K and V units of a
 * layer (as the original study divides 0.05 by every unit of a layer's attention projection). For
 * each permutation and family the null counts the units with {@code p < alpha} (any sign: about
 * {@code alpha} of them should pass), with {@code p < alpha / units} (any sign: the family-wise error
 * Bonferroni bounds by {@code alpha}) and the tuned ones ({@code p < alpha / units} and
 * {@code beta > 0}, the analysis's own rule). Permutation {@code i} draws from
 * {@code new Random(seed + i)}, so the same seed gives the same counts.
 */
public final class PermutationNull {
    private final int[][] nominal;      // [permutation][family]
    private final int[][] significant;  // [permutation][family]
    private final int[][] tuned;        // [permutation][family]
    private final int[] units;          // [family]
    private final double alpha;

    private PermutationNull(int[][] nominal, int[][] significant, int[][] tuned, int[] units, double alpha) {
        this.nominal = nominal;
        this.significant = significant;
        this.tuned = tuned;
        this.units = units;
        this.alpha = alpha;
    }

    /** @param families activations [samples][units] of each family; @param labels 0/1, one per sample. */
    public static PermutationNull run(List<float[][]> families, int[] labels, int permutations, long seed, double alpha) {
        if (permutations < 1) {
            throw new IllegalArgumentException("A permutation null needs at least 1 permutation (got " + permutations
                    + "); 10 or more give a steady mean.");
        }
        if (families.isEmpty()) throw new IllegalArgumentException("No families of units to test: pass one matrix per layer.");
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha + ".");
        UnitProbes.checkLabels(labels, labels.length);
        int f = families.size();
        int[][] nominal = new int[permutations][f], significant = new int[permutations][f], tuned = new int[permutations][f];
        int[] units = new int[f];
        for (int p = 0; p < permutations; p++) {
            int[] shuffled = shuffled(labels, new Random(seed + p));
            for (int i = 0; i < f; i++) {
                UnitProbeResult r = UnitProbes.fit(families.get(i), shuffled);
                units[i] = r.units();
                double threshold = alpha / r.units();
                boolean[] tunedUnits = r.bonferroniMask(alpha); // the analysis's own rule
                for (int u = 0; u < r.units(); u++) {
                    double pv = r.pValue()[u];
                    if (pv < alpha) nominal[p][i]++;
                    if (pv < threshold) significant[p][i]++;
                    if (tunedUnits[u]) tuned[p][i]++;
                }
            }
        }
        return new PermutationNull(nominal, significant, tuned, units, alpha);
    }

    public static PermutationNull run(List<float[][]> families, int[] labels, int permutations, long seed) {
        return run(families, labels, permutations, seed, 0.05);
    }

    /** A copy of the labels in random order (Fisher–Yates). */
    public static int[] shuffled(int[] labels, Random random) {
        int[] out = labels.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
        return out;
    }

    public int permutations() { return tuned.length; }

    public int families() { return units.length; }

    public double alpha() { return alpha; }

    private int totalUnits() {
        int n = 0;
        for (int u : units) n += u;
        return n;
    }

    /** Percent of all units with {@code p < alpha} in each permutation (≈ 100·alpha under the null). */
    public double[] percentNominal() {
        double[] out = new double[permutations()];
        for (int p = 0; p < out.length; p++) out[p] = 100.0 * sum(nominal[p]) / totalUnits();
        return out;
    }

    /** Units past the Bonferroni threshold of their family, any sign, in each permutation. */
    public int[] significant() {
        int[] out = new int[permutations()];
        for (int p = 0; p < out.length; p++) out[p] = sum(significant[p]);
        return out;
    }

    /** Tuned units (Bonferroni and {@code beta > 0}) in each permutation. */
    public int[] tuned() {
        int[] out = new int[permutations()];
        for (int p = 0; p < out.length; p++) out[p] = sum(tuned[p]);
        return out;
    }

    /** Mean percent of a family's units tuned by chance, per family (e.g. per layer), over permutations. */
    public double[] meanPercentTunedPerFamily() {
        double[] out = new double[families()];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int[] row : tuned) s += row[i];
            out[i] = 100.0 * s / permutations() / units[i];
        }
        return out;
    }

    /** Share of (permutation, family) pairs with at least one Bonferroni-significant unit: Bonferroni keeps it ≤ alpha. */
    public double familyWiseErrorRate() {
        int hit = 0;
        for (int[] row : significant) for (int c : row) if (c > 0) hit++;
        return (double) hit / (permutations() * families());
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) s += v;
        return s;
    }

    @Override
    public String toString() {
        double nominalMean = Arrays.stream(percentNominal()).average().orElse(Double.NaN);
        return String.format("PermutationNull[%d permutations x %d families of %,d units: %.2f %% at p < %.2g, "
                        + "%.2f Bonferroni-significant and %.2f tuned units per permutation, family-wise error %.3f]",
                permutations(), families(), totalUnits(), nominalMean, alpha,
                Arrays.stream(significant()).average().orElse(Double.NaN),
                Arrays.stream(tuned()).average().orElse(Double.NaN), familyWiseErrorRate());
    }
}

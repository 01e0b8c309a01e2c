package org.interp4j.expertise;

import java.util.Arrays;

/**
 * One unit's samples ranked by response, with their labels: the single sort from which the
 * unit's average precision and its forcing values are read. One instance is reused for every
 * unit a thread handles, so ranking allocates nothing.
 */
final class UnitRanking {

    private final long[] packed;
    private final long[] scratch;
    private final int[] count = new int[FloatRadixSort.HISTOGRAM_SIZE];
    private final float[] onValues;
    private final float[] offValues;
    /** 1/k for k samples predicted positive: a multiply instead of a divide per threshold. */
    private final double[] reciprocal;
    private long[] sorted;
    private int n;

    UnitRanking(int samples, int positives) {
        packed = new long[samples];
        scratch = new long[samples];
        onValues = new float[positives];
        offValues = new float[samples - positives];
        reciprocal = new double[samples + 1];
        for (int k = 1; k <= samples; k++) reciprocal[k] = 1.0 / k;
    }

    /**
     * Sorts a unit's keys ({@link Responses#keyColumns}) ascending, carrying {@code labels} along.
     * Ties are decided by value alone, as in scikit-learn, where equal scores form one threshold.
     */
    void rank(int[] keys, int[] labels, int n) {
        Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) {
            int key = keys[i];
            FloatRadixSort.countDigits(count, key);
            packed[i] = ((key & 0xffffffffL) << 1) | labels[i];
        }
        this.n = n;
        sorted = FloatRadixSort.sortPacked(packed, scratch, n, count);
    }

    /**
     * True if every ranked response is finite. Non-finite values (infinities, NaNs of either sign)
     * have the largest or smallest keys, so the two ends of the ranking tell; checking there
     * keeps a test out of the per-sample loop.
     */
    boolean allFinite() {
        return n == 0 || (Float.isFinite(valueAt(0)) && Float.isFinite(valueAt(n - 1)));
    }

    private float valueAt(int rank) {
        return FloatRadixSort.fromSortableKey((int) (sorted[rank] >>> 1));
    }

    /**
     * scikit-learn's {@code average_precision_score}: walking thresholds from the highest score
     * down, with all samples of equal score entering together, AP = Σ (R_k − R_{k−1}) P_k.
     */
    double averagePrecision(int positives) {
        long[] s = sorted;
        double[] inv = reciprocal;
        double sum = 0;
        int tp = 0, tpBefore = 0;
        for (int i = n - 1; i >= 0; i--) {
            tp += (int) (s[i] & 1);
            // The last sample of a run of equal scores closes a threshold. The term is zero when
            // the run held no positive, which is cheaper than a branch on the labels.
            if (i == 0 || (s[i - 1] >>> 1) != (s[i] >>> 1)) {
                sum += (double) (tp - tpBefore) * tp * inv[n - i];
                tpBefore = tp;
            }
        }
        return sum / positives;
    }

    /** Splits the ranked responses by label: both halves come out already sorted. */
    void splitByLabel() {
        long[] s = sorted;
        int on = 0, off = 0;
        for (int i = 0; i < n; i++) {
            float v = FloatRadixSort.fromSortableKey((int) (s[i] >>> 1));
            if ((s[i] & 1) != 0) onValues[on++] = v;
            else offValues[off++] = v;
        }
    }

    /** Percentile {@code q} (0..1) of the responses on positives, after {@link #splitByLabel}. */
    double onQuantile(double q) {
        return Percentile.linear(onValues, onValues.length, q);
    }

    /** Percentile {@code q} (0..1) of the responses on negatives, after {@link #splitByLabel}. */
    double offQuantile(double q) {
        return Percentile.linear(offValues, offValues.length, q);
    }

    /** Mean response on positives, after {@link #splitByLabel}, summed in float64. */
    double onMean() {
        return mean(onValues);
    }

    /** Mean response on negatives, after {@link #splitByLabel}, summed in float64. */
    double offMean() {
        return mean(offValues);
    }

    private static double mean(float[] values) {
        double s = 0;
        for (float v : values) s += v;
        return s / values.length;
    }

    /** The error for the first non-finite response of {@code unit}, in sample order. */
    static IllegalArgumentException notFinite(Responses x, int unit) {
        int sample = 0;
        while (sample < x.samples - 1 && Float.isFinite(x.get(sample, unit))) sample++;
        float v = x.get(sample, unit);
        String what = Float.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
        return new IllegalArgumentException("Response of unit " + unit + " to sample " + sample + " is " + what
                + ": average precision needs finite responses; drop or repair those samples first"
                + " (scikit-learn rejects them too).");
    }
}

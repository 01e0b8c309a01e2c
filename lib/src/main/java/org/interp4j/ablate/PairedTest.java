package org.interp4j.ablate;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Did an ablation move the surprisal of a set of words? The same words are scored clean and ablated,
 * so the test is paired: the Wilcoxon signed-rank test of Apache Commons Math on the per-word
 * differences. It assumes no normal distribution, which matters here: most words move by a few
 * hundredths of a nat and a few by whole nats. The p-value is exact up to 30 pairs and from the
 * normal approximation above (Commons Math computes the exact one only that far).
 *
 * @param n                pairs
 * @param meanDifference   mean of after − before
 * @param medianDifference median of after − before
 * @param w                the Wilcoxon statistic, the larger of the positive- and negative-rank sums
 * @param pValue           two-sided
 */
public record PairedTest(int n, double meanDifference, double medianDifference, double w, double pValue) {

    /** The test of {@code after[i] − before[i]} over all i. */
    public static PairedTest of(double[] before, double[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("Got " + before.length + " values before and " + after.length
                    + " after: a paired test needs one value of each per word.");
        }
        if (before.length < 2) {
            throw new IllegalArgumentException("Got " + before.length + " pairs: a paired test needs at least 2.");
        }
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("Pair " + i + " is not finite (" + before[i] + ", " + after[i] + ").");
            }
        }
        WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
        double w = test.wilcoxonSignedRank(before, after);
        double p = test.wilcoxonSignedRankTest(before, after, before.length <= 30);
        return new PairedTest(d.length, StatUtils.mean(d), new Median().evaluate(d), w, p);
    }

    @Override
    public String toString() {
        return String.format("n = %d, mean change %+.4f, median %+.4f, Wilcoxon W = %.0f, p = %.2g",
                n, meanDifference, medianDifference, w, pValue);
    }
}

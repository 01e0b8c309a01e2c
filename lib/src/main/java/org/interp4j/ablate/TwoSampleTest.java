package org.interp4j.ablate;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Do two groups of different words, e.g. the surprisal changes of long-tail and of common words,
 * differ? The words are not paired, so this is the Mann–Whitney U test of Apache Commons Math
 * (ranks, no normal distribution assumed; the two-sided p-value from its normal approximation).
 *
 * @param nA    values in the first group; {@code meanA} their mean
 * @param nB    values in the second group; {@code meanB} their mean
 * @param u     the U statistic as Commons Math reports it (the larger of U_A and U_B)
 * @param pValue two-sided
 */
public record TwoSampleTest(int nA, double meanA, int nB, double meanB, double u, double pValue) {

    public static TwoSampleTest of(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("A group is empty (" + a.length + " and " + b.length
                    + " values): both groups need at least one value.");
        }
        MannWhitneyUTest test = new MannWhitneyUTest();
        return new TwoSampleTest(a.length, StatUtils.mean(a), b.length, StatUtils.mean(b), test.mannWhitneyU(a, b), test.mannWhitneyUTest(a, b));
    }

    @Override
    public String toString() {
        return String.format("means %+.4f (n = %d) vs %+.4f (n = %d), Mann-Whitney U = %.0f, p = %.2g",
                meanA, nA, meanB, nB, u, pValue);
    }
}

package org.interp4j.probe;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided p-values of a standard normal statistic, {@code P(|Z| ≥ |z|)}, as scipy's
 * {@code 2·norm.sf(|z|)} gives them: accurate in the far tail, not {@code 1 − cdf} (which is 0 past
 * |z| ≈ 8.3). Commons Math computes the lower tail through {@code erfc}, which stays accurate down to
 * about 1e-300; beyond |z| = 37.5 the asymptotic expansion of the log tail takes over, so values
 * fade through the subnormal range to 0 instead of being cut off.
 */
public final class NormalTail {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0.0, 1.0);
    private static final double SWITCH = 37.5;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalTail() {}

    /** {@code P(|Z| ≥ |z|)}; NaN for NaN. */
    public static double twoSided(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        double a = Math.abs(z);
        if (a <= SWITCH) return 2.0 * STANDARD.cumulativeProbability(-a);
        return Math.exp(logTwoSided(a));
    }

    /** Natural log of {@link #twoSided}, finite however large |z| is (for ranking or −log10 plots). */
    public static double logTwoSided(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        double a = Math.abs(z);
        if (a <= SWITCH) return Math.log(2.0 * STANDARD.cumulativeProbability(-a));
        // Mills ratio: Q(a) = φ(a)/a · (1 − 1/a² + 3/a⁴ − 15/a⁶ + 105/a⁸ − …), ample for a > 37.
        double u = 1.0 / (a * a);
        double series = 1.0 - u * (1.0 - u * (3.0 - u * (15.0 - u * 105.0)));
        return Math.log(2.0) - 0.5 * a * a - LOG_SQRT_2PI - Math.log(a) + Math.log(series);
    }
}

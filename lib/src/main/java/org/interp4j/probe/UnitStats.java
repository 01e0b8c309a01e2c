package org.interp4j.probe;

/**
 * What one pass over a unit's activations tells before any fitting: the sums the zero-start Newton
 * step needs, whether the unit is constant, and whether its activation separates the two classes
 * (then no finite maximum-likelihood slope exists and Newton would only run off to infinity).
 */
final class UnitStats {
    double sumX, sumXX, sumYX, ones, maxAbs;
    double min0, max0, min1, max1;

    /**
     * Measures a column whose samples are ordered by label: class 0 in {@code [0, zeros)}, class 1 in
     * {@code [zeros, n)}. The order lets each class be one branch-free range (a branch on the label
     * would be mispredicted on every other sample). A non-finite activation shows up as a non-finite
     * {@link #sumXX}, which the caller checks instead of testing every value.
     */
    void measure(double[] x, int zeros, int n) {
        double sx0 = 0, sxx0 = 0, sx1 = 0, sxx1 = 0;
        // Extremes with plain compares: cheaper than Math.min/max, which must also order −0.0 and NaN.
        double lo0 = Double.POSITIVE_INFINITY, hi0 = Double.NEGATIVE_INFINITY;
        double lo1 = Double.POSITIVE_INFINITY, hi1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < zeros; i++) {
            double v = x[i];
            sx0 += v;
            sxx0 += v * v;
            if (v < lo0) lo0 = v;
            if (v > hi0) hi0 = v;
        }
        for (int i = zeros; i < n; i++) {
            double v = x[i];
            sx1 += v;
            sxx1 += v * v;
            if (v < lo1) lo1 = v;
            if (v > hi1) hi1 = v;
        }
        sumX = sx0 + sx1; sumXX = sxx0 + sxx1; sumYX = sx1; ones = n - zeros;
        min0 = lo0; max0 = hi0; min1 = lo1; max1 = hi1;
        maxAbs = Math.max(Math.max(Math.abs(min0), Math.abs(max0)), Math.max(Math.abs(min1), Math.abs(max1)));
    }

    /** Largest change of the logit a + b·x over this unit's activations when (a, b) moves by (da, db). */
    double logitMove(double da, double db) {
        double lo = Math.min(min0, min1), hi = Math.max(max0, max1);
        return Math.max(Math.abs(da + db * lo), Math.abs(da + db * hi));
    }

    boolean constant() {
        return min0 == max0 && min1 == max1 && min0 == min1;
    }

    /** +1 if class 1 sits at or above every class-0 value (complete or quasi-complete), −1 if below, 0 if the classes overlap. */
    int separation() {
        if (constant()) return 0;
        if (min1 >= max0) return 1;
        if (max1 <= min0) return -1;
        return 0;
    }
}

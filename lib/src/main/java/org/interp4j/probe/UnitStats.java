package org.interp4j.probe;

/**
 * What one pass over a unit's activations tells before any fitting: the sums the zero-start Newton
 * step needs, whether the unit is constant, and whether its activation separates the two classes
 * (then no finite maximum-likelihood slope exists and Newton would only run off to infinity).
 */
final class UnitStats {
    double sumX, sumXX, sumYX, ones, maxAbs;
    double min0, max0, min1, max1;

    void measure(float[] x, double[] y, int n) {
        double sx = 0, sxx = 0, syx = 0, cnt1 = 0;
        // Extremes in float (exact for float data) with plain compares: cheaper than Math.min/max.
        float lo0 = Float.POSITIVE_INFINITY, hi0 = Float.NEGATIVE_INFINITY;
        float lo1 = Float.POSITIVE_INFINITY, hi1 = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float f = x[i];
            double v = f;
            sx += v;
            sxx += v * v;
            if (y[i] == 1.0) {
                syx += v;
                cnt1++;
                if (f < lo1) lo1 = f;
                if (f > hi1) hi1 = f;
            } else {
                if (f < lo0) lo0 = f;
                if (f > hi0) hi0 = f;
            }
        }
        sumX = sx; sumXX = sxx; sumYX = syx; ones = cnt1;
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

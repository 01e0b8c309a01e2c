package org.interp4j.expertise;

/**
 * NumPy's default ("linear") percentile of sorted data, computed the way {@code np.percentile}
 * computes it, so forcing values such as {@code on_p50} agree with the original to the last bit
 * on float64.
 */
final class Percentile {

    private Percentile() {}

    /** Percentile {@code q} in [0, 1] of the ascending values {@code sorted[0..n)}. */
    static double linear(float[] sorted, int n, double q) {
        if (n == 0) return Double.NaN;
        double index = (n - 1) * q;
        if (index >= n - 1) return sorted[n - 1];
        int below = (int) Math.floor(index);
        double t = index - below;
        double a = sorted[below], b = sorted[below + 1];
        double diff = b - a;
        // NumPy interpolates from the nearer end, which keeps the result inside [a, b].
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}

package org.interp4j.probe;

/**
 * The sigmoids {@code p[i] = 1 / (1 + exp(−(a + b·x[i])))} of one unit's samples, as one plain loop
 * of multiplies, adds and a divide that HotSpot's C2 compiles to SIMD instructions (SSE, AVX, AVX-512
 * or NEON, whatever the machine has); no incubator module is needed.
 *
 * <p>Why not {@link Math#exp} or {@link FastExp}: both need a call, a table lookup or bit tricks
 * ({@code doubleToRawLongBits}), which C2 does not vectorise, so their loops run one sample at a time.
 * Here {@code exp(−t)} is {@code (e^{−t/256})^256}: a degree-10 Taylor polynomial of the small
 * argument ({@code |t|/256 ≤ 1/8}, truncation below 3e-18) squared eight times. Squaring doubles
 * the relative error each time, so the result is good to about 256 ulp (≈ 6e-14 relative; measured
 * against {@link Math#exp} in the tests) — far inside the probe's 1e-6 agreement with statsmodels,
 * and changing a sum by ~1e-14 of itself cannot move a Newton step across the 1e-8 tolerance
 * except on a knife edge that summation order alone would already decide.
 *
 * <p>The polynomial is only accurate for {@code |t| ≤ } {@value #MAX_LOGIT}; callers check the
 * unit's logit range with {@link #covers} and otherwise use the scalar {@link FastExp} path.
 */
final class LogisticSigmoids {
    /** Largest |logit| the polynomial covers: |t|/256 ≤ 1/8. */
    static final double MAX_LOGIT = 32.0;
    private static final double SCALE = 1.0 / 256;
    private static final double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720,
            C7 = 1.0 / 5040, C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800;

    private LogisticSigmoids() {}

    /** True if every logit a + b·x with x in [lo, hi] is within ±{@value #MAX_LOGIT} (the logit is linear in x). */
    static boolean covers(double a, double b, double lo, double hi) {
        return Math.abs(a + b * lo) <= MAX_LOGIT && Math.abs(a + b * hi) <= MAX_LOGIT;
    }

    /** Writes the sigmoids of the first n samples into p; requires {@link #covers} to hold. */
    static void fill(double[] x, int n, double a, double b, double[] p) {
        // u = −t/256, folded into the two coefficients so the loop starts with one multiply-add.
        double na = -a * SCALE, nb = -b * SCALE;
        for (int i = 0; i < n; i++) {
            double u = na + nb * x[i];
            double e = 1 + u * (1 + u * (C2 + u * (C3 + u * (C4 + u * (C5 + u * (C6 + u * (C7 + u * (C8
                    + u * (C9 + u * C10)))))))));
            e *= e; e *= e; e *= e; e *= e; // e^(−t/16)
            e *= e; e *= e; e *= e; e *= e; // e^(−t)
            p[i] = 1.0 / (1.0 + e);
        }
    }
}

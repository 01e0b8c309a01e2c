package org.interp4j.probe;

/**
 * {@code exp(t)} to about one ulp, written so the JIT inlines it into the probe's inner loop.
 *
 * <p>{@link Math#exp} is a call into a runtime stub that the compiler cannot interleave with the
 * surrounding arithmetic; the probe evaluates hundreds of millions of sigmoids, and this inlinable
 * version makes the whole Newton pass about twice as fast. Method: {@code t = (k·1024 + j)·ln2/1024 + r}
 * with {@code |r| ≤ ln2/2048}, so {@code exp(t) = 2^k · 2^(j/1024) · exp(r)}; the middle factor is
 * a table, {@code exp(r)} a degree-4 polynomial (truncation error below 4e-20).
 */
final class FastExp {
    private static final int BITS = 10;
    private static final int SIZE = 1 << BITS;
    private static final double[] TABLE = new double[SIZE];
    private static final double INV_STEP = SIZE / Math.log(2);
    // ln2/1024 split in a high part with trailing zero bits (so n·HI is exact) and the rest.
    private static final double STEP_HI = Double.longBitsToDouble(
            Double.doubleToRawLongBits(Math.log(2) / SIZE) & 0xFFFFFFFFFFF00000L);
    private static final double STEP_LO = Math.log(2) / SIZE - STEP_HI
            + 2.3190468138462996e-17 / SIZE; // ln2 - (double)ln2, spread over the step
    /** Beyond this the bit trick would leave the normal exponent range; defer to Math.exp. */
    private static final double LIMIT = 700.0;

    static {
        for (int j = 0; j < SIZE; j++) TABLE[j] = Math.pow(2.0, j / (double) SIZE);
    }

    private FastExp() {}

    static double exp(double t) {
        if (!(Math.abs(t) <= LIMIT)) return Math.exp(t); // huge, tiny or NaN: rare, exact path
        double nd = Math.rint(t * INV_STEP);
        long n = (long) nd;
        double r = (t - nd * STEP_HI) - nd * STEP_LO;
        double poly = r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24))));
        double scale = Double.longBitsToDouble(
                Double.doubleToRawLongBits(TABLE[(int) (n & (SIZE - 1))]) + ((n >> BITS) << 52));
        return scale + scale * poly;
    }
}

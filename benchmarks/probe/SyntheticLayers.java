import java.util.SplittableRandom;

/**
 * Synthetic per-layer activations shaped like the lecture's problem: 600 samples (280 of class 0,
 * then 320 of class 1), units with scales spread over two decades and offsets, about one unit in
 * ten informative (class shift of 0.2–1.5 standard deviations), a few sparse ReLU-like units.
 */
final class SyntheticLayers {
    static final int SAMPLES = 600, ZEROS = 280;

    static int[] labels() {
        int[] y = new int[SAMPLES];
        for (int i = ZEROS; i < SAMPLES; i++) y[i] = 1;
        return y;
    }

    /** Layer {@code layer} of a problem with {@code units} units per layer, as [samples][units]. */
    static float[][] layer(long problemSeed, int layer, int units) {
        SplittableRandom rnd = new SplittableRandom(problemSeed * 1_000_003L + layer);
        double[] scale = new double[units], offset = new double[units], shift = new double[units];
        boolean[] relu = new boolean[units];
        for (int u = 0; u < units; u++) {
            scale[u] = Math.pow(10, rnd.nextDouble(-1, 1));
            offset[u] = rnd.nextGaussian();
            shift[u] = rnd.nextDouble() < 0.1 ? rnd.nextDouble(0.2, 1.5) * (rnd.nextBoolean() ? 1 : -1) : 0.0;
            relu[u] = rnd.nextDouble() < 0.05;
        }
        float[][] x = new float[SAMPLES][units];
        for (int i = 0; i < SAMPLES; i++) {
            boolean one = i >= ZEROS;
            for (int u = 0; u < units; u++) {
                double v = rnd.nextGaussian() + (one ? shift[u] : 0.0);
                if (relu[u]) v = Math.max(0.0, v - 0.5);
                x[i][u] = (float) (offset[u] + scale[u] * v);
            }
        }
        return x;
    }
}

package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.UnitLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linear-AcT's per-unit fit on synthetic data where the right map is known. */
class LinearActTest {

    static float[] gaussian(Random r, int n, double mean, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (mean + sd * r.nextGaussian());
        return x;
    }

    @Test
    void recoversAnExactAffineMapFromShuffledPairs() {
        Random r = new Random(1);
        float[] s = gaussian(r, 500, 0.3, 1.7);
        float[] t = new float[s.length];
        for (int i = 0; i < s.length; i++) t[i] = (float) (2.5 * s[i] - 1.25);
        // order must not matter: the fit pairs sorted values, not samples
        double[] ab = LinearAct.fitUnit(s, shuffledCopy(t, r));
        assertEquals(2.5, ab[0], 1e-5);
        assertEquals(-1.25, ab[1], 1e-5);
    }

    @Test
    void negativeSlopesStillMapQuantileToQuantile() {
        // t = -2 s: sorted targets are the reversed sorted sources, so the monotone (transport) map has α = +2
        Random r = new Random(2);
        float[] s = gaussian(r, 400, 0, 1);
        float[] t = new float[s.length];
        for (int i = 0; i < s.length; i++) t[i] = -2 * s[i];
        double[] ab = LinearAct.fitUnit(s, t);
        assertTrue(ab[0] > 0, "transport maps are monotone increasing, got α = " + ab[0]);
    }

    @Test
    void recoversTheMapBetweenIndependentSamplesOfTwoGaussians() {
        Random r = new Random(3);
        float[] s = gaussian(r, 20000, 1.0, 0.5);
        float[] t = gaussian(r, 15000, -3.0, 2.0); // N(1, .5) -> N(-3, 2): α = 4, β = -7
        double[] ab = LinearAct.fitUnit(s, t);
        assertEquals(4.0, ab[0], 0.1);
        assertEquals(-7.0, ab[1], 0.15);
    }

    @Test
    void transportedSourceQuantilesLandOnTargetQuantiles() {
        Random r = new Random(4);
        int n = 3000;
        float[] s = gaussian(r, n, 0, 1);
        float[] t = gaussian(r, n, 5, 3);
        double[] ab = LinearAct.fitUnit(s, t);
        double[] moved = new double[n];
        for (int i = 0; i < n; i++) moved[i] = ab[0] * s[i] + ab[1];
        Arrays.sort(moved);
        double[] target = LinearAct.quantiles(t, n);
        for (double q : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
            int i = (int) (q * (n - 1));
            assertEquals(target[i], moved[i], 0.25, "quantile " + q);
        }
    }

    @Test
    void samplesOfDifferentSizesAreComparedAtCommonQuantiles() {
        float[] s = {0, 1, 2, 3, 4};
        float[] t = {10, 12, 14, 16, 18, 20, 22, 24, 26}; // quantiles 10,14,18,22,26 = 4 s + 10
        double[] ab = LinearAct.fitUnit(s, t);
        assertEquals(4.0, ab[0], 1e-9);
        assertEquals(10.0, ab[1], 1e-9);
        assertArrayEquals(new double[] {10, 14, 18, 22, 26}, LinearAct.quantiles(t, 5), 1e-12);
    }

    @Test
    void aConstantSourceIsOnlyShifted() {
        double[] ab = LinearAct.fitUnit(new float[] {2, 2, 2}, new float[] {5, 6, 7});
        assertEquals(1.0, ab[0]);
        assertEquals(4.0, ab[1], 1e-9);
    }

    @Test
    void fitsEveryUnitOfEveryLayer() {
        Random r = new Random(5);
        UnitLayout layout = UnitLayout.of(List.of("a", "b"), new int[] {2, 1});
        float[][] src = new float[300][3], dst = new float[300][3];
        double[][] ab = {{2, 1}, {0.5, -3}, {1, 10}};
        for (int i = 0; i < 300; i++) {
            for (int u = 0; u < 3; u++) {
                src[i][u] = (float) r.nextGaussian();
                dst[i][u] = (float) (ab[u][0] * src[i][u] + ab[u][1]);
            }
        }
        TransportMap map = LinearAct.fit(ResponsesMatrix.of(src, layout, "mean"), ResponsesMatrix.of(dst, layout, "mean"));
        for (int u = 0; u < 3; u++) {
            assertEquals(ab[u][0], map.alpha()[u], 1e-4);
            assertEquals(ab[u][1], map.beta()[u], 1e-4);
        }
        assertEquals(layout.names(), map.layout().names());
    }

    @Test
    void strengthBlendsIdentityAndTransport() {
        TransportMap map = new TransportMap(UnitLayout.single(1), new float[] {3}, new float[] {2});
        assertEquals(5.0, map.apply(0, 5.0, 0.0), 1e-12);
        assertEquals(17.0, map.apply(0, 5.0, 1.0), 1e-12);
        assertEquals(11.0, map.apply(0, 5.0, 0.5), 1e-12);
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.hooks(bad));
            assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
        }
    }

    @Test
    void sourceAndTargetMustCoverTheSameUnits() {
        ResponsesMatrix a = ResponsesMatrix.of(new float[][] {{1, 2}}, UnitLayout.ofSizes(2), "mean");
        ResponsesMatrix b = ResponsesMatrix.of(new float[][] {{1, 2, 3}}, UnitLayout.ofSizes(3), "mean");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinearAct.fit(a, b));
        assertTrue(e.getMessage().contains("same hook points"), e.getMessage());
    }

    @Test
    void mapsRoundTripThroughNpyWithTheirLayers(@TempDir Path dir) throws Exception {
        UnitLayout layout = UnitLayout.of(List.of("blocks.0.mlp.hook_post", "blocks.1.mlp.hook_post"), new int[] {2, 3});
        TransportMap map = new TransportMap(layout, new float[] {1, 2, 3, 4, 5}, new float[] {-1, -2, -3, -4, -5.5f});
        Path f = dir.resolve("act.npy");
        map.save(f);
        assertTrue(Files.exists(dir.resolve("act.layout.json")));
        TransportMap back = TransportMap.load(f);
        assertArrayEquals(map.alpha(), back.alpha());
        assertArrayEquals(map.beta(), back.beta());
        assertEquals(layout.names(), back.layout().names());
        assertEquals(3, back.layout().size(1));
        TransportMap second = map.layers(List.of("blocks.1.mlp.hook_post"));
        assertArrayEquals(new float[] {3, 4, 5}, second.alpha());
        assertArrayEquals(map.alpha(), map.layers(List.of("blocks.0.mlp.hook_post")).concat(second).alpha());
    }

    private static float[] shuffledCopy(float[] x, Random r) {
        float[] y = x.clone();
        for (int i = y.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float tmp = y[i];
            y[i] = y[j];
            y[j] = tmp;
        }
        return y;
    }
}

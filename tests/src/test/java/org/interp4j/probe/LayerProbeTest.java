package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cross-validated multivariate probe: informative layers score high, noise scores chance, seeds repeat. */
class LayerProbeTest {

    /** 300 samples × 60 units; {@code signal} units carry a class shift spread over them. */
    private static float[][] layer(int[] y, int signalUnits, double shift, long seed) {
        Random rnd = new Random(seed);
        float[][] x = new float[y.length][60];
        for (int i = 0; i < y.length; i++) {
            for (int u = 0; u < 60; u++) {
                double v = rnd.nextGaussian() * (1 + u % 7) + 100 * (u % 3); // mixed scales and offsets
                if (u < signalUnits && y[i] == 1) v += shift * (1 + u % 7);
                x[i][u] = (float) v;
            }
        }
        return x;
    }

    private static int[] labels() {
        int[] y = new int[300];
        for (int i = 0; i < y.length; i++) y[i] = i % 3 == 0 ? 1 : 0;
        return y;
    }

    @Test
    void informativeLayerBeatsNoiseLayer() {
        int[] y = labels();
        LayerProbe.Options o = LayerProbe.Options.defaults();
        double[] acc = LayerProbe.perLayer(List.of(layer(y, 0, 0, 1), layer(y, 20, 1.2, 2)), y, o);
        assertTrue(acc[1] > 95, "informative layer: " + acc[1]);
        // noise: near the majority rate (2/3) or chance, certainly far below the informative layer
        assertTrue(acc[0] < 75, "noise layer: " + acc[0]);
    }

    @Test
    void deterministicForASeedAndFoldsArePooled() {
        int[] y = labels();
        float[][] x = layer(y, 5, 0.4, 3);
        LayerProbe.CrossValidation a = LayerProbe.crossValidate(x, y, LayerProbe.Options.defaults().withSeed(11));
        LayerProbe.CrossValidation b = LayerProbe.crossValidate(x, y, LayerProbe.Options.defaults().withSeed(11));
        assertArrayEquals(a.foldAccuracy(), b.foldAccuracy(), 0.0);
        assertEquals(5, a.foldAccuracy().length);
        double mean = 0;
        for (double f : a.foldAccuracy()) mean += f / 5;
        assertEquals(mean, a.accuracy(), 1e-9); // equal fold sizes: pooled = mean of folds
    }

    @Test
    void foldsAreStratifiedAndCoverEverySample() {
        double[] y = new double[103];
        for (int i = 0; i < y.length; i++) y[i] = i < 40 ? 1 : 0;
        int[] fold = LayerProbe.stratifiedFolds(y, 5, 42);
        int[] ones = new int[5], size = new int[5];
        for (int i = 0; i < y.length; i++) { size[fold[i]]++; ones[fold[i]] += (int) y[i]; }
        for (int f = 0; f < 5; f++) {
            assertTrue(ones[f] == 8, "fold " + f + " has " + ones[f] + " positives");
            assertTrue(size[f] == 20 || size[f] == 21, "fold size " + size[f]);
        }
        assertThrows(IllegalArgumentException.class, () -> LayerProbe.stratifiedFolds(y, 1, 0));
    }
}

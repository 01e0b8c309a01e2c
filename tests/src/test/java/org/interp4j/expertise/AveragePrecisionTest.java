package org.interp4j.expertise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** AP against scikit-learn 1.9.1's average_precision_score, recorded by make_ap_goldens.py. */
class AveragePrecisionTest {

    private static final double TOL = 1e-9;

    private static void assertMatches(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": one AP per unit");
        for (int u = 0; u < expected.length; u++) {
            assertEquals(expected[u], actual[u], TOL, what + ": unit " + u);
        }
    }

    private static float[] rowMajor(float[][] x) {
        float[] flat = new float[x.length * x[0].length];
        for (int r = 0; r < x.length; r++) System.arraycopy(x[r], 0, flat, r * x[0].length, x[0].length);
        return flat;
    }

    @Test
    void matchesScikitLearnOnEveryUnit() {
        float[][] x = Goldens.responses();
        assertMatches(Goldens.doubles("ap"), AveragePrecision.compute(x, Goldens.labels("y")), "y");
        assertMatches(Goldens.doubles("ap_rare"), AveragePrecision.compute(x, Goldens.labels("y_rare")), "y_rare");
    }

    @Test
    void rowMajorInputGivesTheSameAnswer() {
        float[][] x = Goldens.responses();
        double[] ap = AveragePrecision.compute(rowMajor(x), x.length, x[0].length, Goldens.labels("y"));
        assertMatches(Goldens.doubles("ap"), ap, "row-major");
    }

    @Test
    void singleScoreVector() {
        float[][] x = Goldens.responses();
        int[] y = Goldens.labels("y");
        double[] expected = Goldens.doubles("ap");
        for (int u : new int[] {0, 12, 19, 23, 28, 33, 37, 41}) {
            float[] col = new float[x.length];
            for (int r = 0; r < x.length; r++) col[r] = x[r][u];
            assertEquals(expected[u], AveragePrecision.of(col, y), TOL, "unit " + u);
        }
    }

    @Test
    void constantUnitScoresThePositiveRate() {
        int[] y = {1, 0, 0, 1, 0, 0, 0, 1};
        assertEquals(3.0 / 8, AveragePrecision.of(new float[] {2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f}, y), 1e-15);
        // -0.0 and 0.0 are the same score, hence one threshold.
        assertEquals(3.0 / 8, AveragePrecision.of(new float[] {0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f}, y), 1e-15);
    }

    @Test
    void handWorkedTies() {
        // Descending: {3: +}, {2: +, -, -}, {1: +, -}. AP = 1/3*1 + 1/3*(2/4) + 1/3*(3/6).
        float[] s = {2, 1, 3, 2, 2, 1};
        int[] y = {1, 0, 1, 0, 0, 1};
        assertEquals((1.0 + 0.5 + 0.5) / 3, AveragePrecision.of(s, y), 1e-15);
    }

    /** Many units, so every block, chunk and thread of the sweep is used, against a plain reference. */
    @Test
    void manyUnitsMatchAPlainReference() {
        SplittableRandom rnd = new SplittableRandom(3);
        int samples = 211, units = 1500;
        float[][] x = new float[samples][units];
        int[] y = new int[samples];
        for (int r = 0; r < samples; r++) y[r] = rnd.nextInt(3) == 0 ? 1 : 0;
        y[0] = 1;
        y[1] = 0;
        for (int r = 0; r < samples; r++) {
            for (int u = 0; u < units; u++) {
                x[r][u] = u % 3 == 0 ? rnd.nextInt(-4, 5) + y[r] * rnd.nextInt(2) : (float) (rnd.nextGaussian() + 0.3 * y[r] * (u % 5));
            }
        }
        double[] ap = AveragePrecision.compute(x, y);
        for (int u = 0; u < units; u++) {
            float[] col = new float[samples];
            for (int r = 0; r < samples; r++) col[r] = x[r][u];
            assertEquals(referenceAp(col, y), ap[u], 1e-12, "unit " + u);
        }
    }

    /** Definition straight from the formula: for each distinct score t, precision and recall of "score >= t". */
    private static double referenceAp(float[] s, int[] y) {
        int positives = 0;
        for (int v : y) positives += v;
        double[] distinct = java.util.stream.IntStream.range(0, s.length).mapToDouble(i -> s[i]).distinct()
                .sorted().toArray();
        double ap = 0, recallBefore = 0;
        for (int k = distinct.length - 1; k >= 0; k--) {
            int tp = 0, predicted = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= distinct[k]) {
                    predicted++;
                    tp += y[i];
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - recallBefore) * tp / predicted;
            recallBefore = recall;
        }
        return ap;
    }

    @Test
    void refusesNonFiniteResponses() {
        int[] y = {1, 0, 1};
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.compute(new float[][] {{1, 2}, {3, Float.NaN}, {5, 6}}, y));
        assertTrue(nan.getMessage().contains("unit 1 to sample 1 is NaN"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.of(new float[] {1, Float.NEGATIVE_INFINITY, 0}, y));
        assertTrue(inf.getMessage().contains("-Infinity"), inf.getMessage());
    }

    @Test
    void refusesLabelsWithoutBothClasses() {
        float[] s = {0.1f, 0.2f, 0.3f};
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.of(s, new int[] {0, 0, 0}));
        assertTrue(none.getMessage().startsWith("No positive samples"), none.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.of(s, new int[] {1, 1, 1}));
        assertTrue(all.getMessage().contains("add sentences without the concept"), all.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.of(s, new int[] {1, 2, 0}));
        assertTrue(two.getMessage().contains("Label 2 at sample 1 is not 0 or 1"), two.getMessage());
    }

    @Test
    void refusesMismatchedShapes() {
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.of(new float[] {1, 2, 3}, new int[] {1, 0}));
        assertTrue(labels.getMessage().startsWith("Got 2 labels for 3 samples"), labels.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.compute(new float[][] {{1, 2}, {3}}, new int[] {1, 0}));
        assertTrue(ragged.getMessage().startsWith("Responses are ragged"), ragged.getMessage());
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.compute(new float[5], 2, 3, new int[] {1, 0}));
        assertTrue(dims.getMessage().contains("2 samples x 3 units = 6"), dims.getMessage());
    }
}

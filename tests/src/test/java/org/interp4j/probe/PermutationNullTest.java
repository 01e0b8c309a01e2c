package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shuffled-label null: about alpha of the units pass uncorrected, about none after Bonferroni. */
class PermutationNullTest {

    /** Gaussian activations with no link to any label: {@code families} layers of {@code units}. */
    private static List<float[][]> noise(int families, int samples, int units, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int f = 0; f < families; f++) {
            float[][] x = new float[samples][units];
            for (float[] row : x) for (int u = 0; u < units; u++) row[u] = (float) (r.nextGaussian() * (1 + u % 5) + u % 3);
            out.add(x);
        }
        return out;
    }

    private static int[] balanced(int samples) {
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) y[i] = i % 2;
        return y;
    }

    @Test
    void noSignalGivesAlphaUncorrectedAndAlmostNothingAfterBonferroni() {
        List<float[][]> families = noise(4, 400, 240, 7);
        PermutationNull n = PermutationNull.run(families, balanced(400), 10, 2024);
        double nominal = Arrays.stream(n.percentNominal()).average().orElseThrow();
        // 9,600 tests per permutation, 10 permutations: the mean of p < .05 has SD about 0.07 points.
        assertEquals(5.0, nominal, 0.6, "percent at p < .05: " + nominal);
        int significant = Arrays.stream(n.significant()).sum();
        // Bonferroni bounds the chance of any false positive in a family by 5 %: 40 families, about 2 expected at most.
        assertTrue(significant <= 4, "Bonferroni-significant units over 10 permutations: " + significant);
        assertTrue(n.familyWiseErrorRate() <= 0.1, "family-wise error " + n.familyWiseErrorRate());
        assertTrue(Arrays.stream(n.tuned()).sum() <= significant);
        assertEquals(10, n.permutations());
        assertEquals(4, n.meanPercentTunedPerFamily().length);
    }

    @Test
    void aRealSignalPassesWhileItsShuffledLabelsDoNot() {
        int[] y = balanced(400);
        List<float[][]> families = noise(1, 400, 100, 3);
        for (int i = 0; i < 400; i++) families.get(0)[i][5] += y[i] == 1 ? 1.5f : 0f;   // unit 5 is higher for class 1
        assertTrue(UnitProbes.fit(families.get(0), y).bonferroniMask()[5], "the real labels find unit 5");
        PermutationNull n = PermutationNull.run(families, y, 5, 1);
        assertEquals(0, Arrays.stream(n.tuned()).sum(), "shuffled labels make unit 5 untuned");
    }

    @Test
    void sameSeedSameCountsAndShuffleKeepsTheClassSizes() {
        List<float[][]> families = noise(2, 120, 30, 11);
        int[] y = balanced(120);
        PermutationNull a = PermutationNull.run(families, y, 3, 5);
        PermutationNull b = PermutationNull.run(families, y, 3, 5);
        assertArrayEquals(a.percentNominal(), b.percentNominal());
        assertArrayEquals(a.tuned(), b.tuned());
        int[] s = PermutationNull.shuffled(y, new Random(1));
        assertEquals(Arrays.stream(y).sum(), Arrays.stream(s).sum());
        assertTrue(!Arrays.equals(y, s), "a shuffle of 120 labels moves some");
    }

    @Test
    void badInputSaysWhatToDo() {
        List<float[][]> families = noise(1, 10, 3, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PermutationNull.run(families, balanced(10), 0, 1))
                .getMessage().contains("at least 1 permutation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PermutationNull.run(List.of(), balanced(10), 2, 1))
                .getMessage().contains("one matrix per layer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PermutationNull.run(families, new int[10], 2, 1))
                .getMessage().contains("both classes"));
    }
}

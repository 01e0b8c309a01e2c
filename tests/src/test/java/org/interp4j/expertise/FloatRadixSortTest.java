package org.interp4j.expertise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatRadixSortTest {

    private static final float[] SPECIAL = {
        0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1.0f, -1.0f,
        Math.nextUp(1.0f), Math.nextDown(-1.0f)
    };

    /** Same order as Arrays.sort, compared bit for bit so -0.0 and 0.0 count as different. */
    private static void assertSortsLikeArraysSort(float[] values) {
        float[] expected = values.clone();
        Arrays.sort(expected);
        float[] actual = values.clone();
        FloatRadixSort.sort(actual);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    "position " + i + " of " + values.length + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void randomFloatsOfEverySignAndScale() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = trial < 20 ? trial : 1 + rnd.nextInt(5000);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (rnd.nextInt(4)) {
                    case 0 -> (float) rnd.nextGaussian();
                    case 1 -> Float.intBitsToFloat(rnd.nextInt()); // any bit pattern, NaN included
                    case 2 -> SPECIAL[rnd.nextInt(SPECIAL.length)];
                    default -> rnd.nextInt(-3, 4); // many ties
                };
            }
            assertSortsLikeArraysSort(v);
        }
    }

    @Test
    void narrowRangesSkipPassesAndStillSort() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] v = new float[3000];
        for (int i = 0; i < v.length; i++) v[i] = 1.0f + rnd.nextInt(100) * Math.ulp(1.0f);
        assertSortsLikeArraysSort(v);
        float[] same = new float[100];
        Arrays.fill(same, -2.5f);
        assertSortsLikeArraysSort(same);
    }

    @Test
    void keysKeepOrderAndRoundTrip() {
        float[] v = SPECIAL.clone();
        Arrays.sort(v);
        for (int i = 0; i < v.length; i++) {
            int k = FloatRadixSort.sortableKey(v[i]);
            assertEquals(Float.floatToIntBits(v[i]), Float.floatToIntBits(FloatRadixSort.fromSortableKey(k)));
            if (i > 0) {
                assertTrue(Integer.compareUnsigned(FloatRadixSort.sortableKey(v[i - 1]), k) < 0,
                        v[i - 1] + " must get a smaller key than " + v[i]);
            }
        }
    }
}

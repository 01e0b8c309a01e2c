package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampler's top-k selection keeps the order of a stable descending sort of the whole vocabulary. */
class SamplerTest {

    /** The reference: every index sorted by logit, largest first, ties in index order (stable sort). */
    static int[] sortedOrder(float[] logits, int keep) {
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        return Arrays.stream(order).limit(keep).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void topKMatchesAFullStableSortWithTiesAndSpecialValues() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(3000);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                // coarse values so that many logits tie; a few signed zeros, infinities and NaNs
                logits[i] = switch (random.nextInt(40)) {
                    case 0 -> 0.0f;
                    case 1 -> -0.0f;
                    case 2 -> Float.NEGATIVE_INFINITY;
                    case 3 -> Float.POSITIVE_INFINITY;
                    case 4 -> Float.NaN;
                    default -> Math.round(random.nextGaussian() * 8) / 4f;
                };
            }
            for (int keep : new int[] {1, 5, 50, n}) {
                int k = Math.min(keep, n);
                assertArrayEquals(sortedOrder(logits, k), Sampler.mostLikely(logits, k), "n=" + n + ", k=" + k);
            }
        }
    }

    @Test
    void drawsAreReproducibleAndStayInTheTopK() {
        Random random = new Random(3);
        float[] logits = new float[49152];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) random.nextGaussian() * 3;
        int[] top = sortedOrder(logits, 50);
        Sampler a = new Sampler(false, 1.0, 50, 1.0, 11), b = new Sampler(false, 1.0, 50, 1.0, 11);
        for (int i = 0; i < 500; i++) {
            int x = a.next(logits);
            assertEquals(x, b.next(logits));
            assertEquals(true, Arrays.stream(top).anyMatch(t -> t == x), "drew a token outside the top 50");
        }
    }
}

package org.interp4j.model;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from logits: argmax, or a draw from softmax(logits / temperature) restricted
 * to the {@code topK} most likely tokens and to the smallest set whose probability reaches
 * {@code topP} (nucleus), in that order, as HF's samplers do.
 */
public final class Sampler {
    private final boolean greedy;
    private final double temperature;
    private final int topK;
    private final double topP;
    private final Random random;

    public Sampler(boolean greedy, double temperature, int topK, double topP, long seed) {
        this.greedy = greedy;
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.random = new Random(seed);
    }

    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    public int next(float[] logits) {
        if (greedy) return argmax(logits);
        int n = logits.length;
        int keep = topK > 0 ? Math.min(topK, n) : n;
        int[] order = mostLikely(logits, keep);
        double max = logits[order[0]] / temperature;
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(logits[order[i]] / temperature - max);
            sum += p[i];
        }
        // nucleus: keep the most likely tokens until their mass reaches topP (always at least one)
        double mass = 0;
        int cut = keep;
        for (int i = 0; i < keep; i++) {
            mass += p[i] / sum;
            if (mass >= topP) {
                cut = i + 1;
                break;
            }
        }
        double total = 0;
        for (int i = 0; i < cut; i++) total += p[i];
        double u = random.nextDouble() * total;
        for (int i = 0; i < cut; i++) {
            u -= p[i];
            if (u <= 0) return order[i];
        }
        return order[cut - 1];
    }

    /**
     * The {@code keep} indices of the largest logits, largest first, ties by lower index (the order
     * a stable descending sort gives). A bounded heap instead of sorting the whole vocabulary: with
     * top-50 of 49k tokens, one row's draw costs a pass over the logits rather than a sort.
     */
    static int[] mostLikely(float[] logits, int keep) {
        // key: descending logit in the high 32 bits, ascending index in the low ones; smaller is better
        long[] heap = new long[keep];   // max-heap of the best keys seen so far
        int size = 0;
        for (int i = 0; i < logits.length; i++) {
            long key = key(logits[i], i);
            if (size < keep) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (key < heap[0]) {
                heap[0] = key;
                siftDown(heap, keep);
            }
        }
        Arrays.sort(heap);
        int[] order = new int[keep];
        for (int i = 0; i < keep; i++) order[i] = (int) heap[i];
        return order;
    }

    private static long key(float logit, int index) {
        int bits = Float.floatToIntBits(logit);   // ordered as Float.compare once negatives are flipped
        if (bits < 0) bits ^= 0x7fffffff;
        return ((long) ~bits << 32) | index;
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent] >= heap[i]) return;
            swap(heap, parent, i);
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, big = i;
            if (l < size && heap[l] > heap[big]) big = l;
            if (r < size && heap[r] > heap[big]) big = r;
            if (big == i) return;
            swap(heap, big, i);
            i = big;
        }
    }

    private static void swap(long[] heap, int a, int b) {
        long t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}

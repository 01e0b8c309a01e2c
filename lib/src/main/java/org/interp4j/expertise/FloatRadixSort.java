package org.interp4j.expertise;

import java.util.Arrays;

/**
 * Least-significant-digit radix sort for float keys.
 *
 * <p>A float's bit pattern, with the sign bit flipped for positives and all bits inverted for
 * negatives, is an unsigned integer in the same order as the float ({@link #sortableKey}). Sorting
 * those integers byte by byte takes four linear passes, which beats a comparison sort for the few
 * thousand samples a unit has, and it never allocates per element.
 *
 * <p>The expertise code sorts "packed" longs: the 32-bit key shifted left by one, with the sample's
 * 0/1 label in the lowest bit, so the label travels with its score through every pass.
 */
public final class FloatRadixSort {

    private static final int DIGIT_BITS = 11;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int MASK = RADIX - 1;
    private static final int DIGITS = 3;

    /** Size of the histogram scratch array that {@link #sortPacked} needs. */
    public static final int HISTOGRAM_SIZE = DIGITS * RADIX;

    private FloatRadixSort() {}

    /** Maps a float to an int whose unsigned order is the float's order (-0.0 before 0.0). */
    public static int sortableKey(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) | 0x80000000);
    }

    /** Inverse of {@link #sortableKey}. */
    public static float fromSortableKey(int key) {
        return Float.intBitsToFloat(key ^ ((~key >> 31) | 0x80000000));
    }

    /**
     * Sorts ascending in exactly the order of {@link java.util.Arrays#sort(float[])}: -0.0 before
     * 0.0 and every NaN at the end.
     */
    public static void sort(float[] values) {
        int n = values.length;
        // NaNs go last as Arrays.sort puts them; they are moved aside first so their payloads,
        // which would otherwise sort by sign, cannot matter.
        int end = n;
        for (int i = n - 1; i >= 0; i--) {
            if (Float.isNaN(values[i])) {
                end--;
                float t = values[i];
                values[i] = values[end];
                values[end] = t;
            }
        }
        int[] keys = new int[end];
        for (int i = 0; i < end; i++) keys[i] = sortableKey(values[i]);
        int[] scratch = new int[end];
        int[] sorted = sortKeys(keys, scratch, end);
        for (int i = 0; i < end; i++) values[i] = fromSortableKey(sorted[i]);
    }

    /** Sorts unsigned 32-bit keys; returns whichever of the two arrays holds the result. */
    static int[] sortKeys(int[] keys, int[] scratch, int n) {
        int[] count = new int[HISTOGRAM_SIZE];
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            for (int d = 0; d < DIGITS; d++) count[d * RADIX + ((k >>> (d * DIGIT_BITS)) & MASK)]++;
        }
        int[] src = keys, dst = scratch;
        for (int d = 0; d < DIGITS; d++) {
            int base = d * RADIX, shift = d * DIGIT_BITS;
            if (n == 0 || count[base + ((src[0] >>> shift) & MASK)] == n) continue;
            toOffsets(count, base);
            for (int i = 0; i < n; i++) {
                int k = src[i];
                dst[count[base + ((k >>> shift) & MASK)]++] = k;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    /**
     * Few distinct keys of a unit agree in their top 22 bits, so {@link #sortPacked} sorts by
     * those bits only and finishes with an insertion sort; this many
     * moves per value bound the insertion sort before it gives up for a full radix sort.
     */
    private static final int MAX_FINISH_MOVES = 4;
    /**
     * Shifts of {@link #sortPacked}'s digits in a packed value (the label is bit 0): key bits
     * 0-10, 10-20 and 21-31. The two that get radix passes cover 22 bits; the lowest digit
     * overlaps the middle one by a bit, which LSD order tolerates, and is used only if the
     * insertion sort gives up.
     */
    private static final int LOW_SHIFT = 1, MID_SHIFT = 11, TOP_SHIFT = 22;

    /**
     * Sorts the first {@code n} packed values ({@code key << 1 | label}) ascending by key. The
     * caller fills {@code count} (length {@link #HISTOGRAM_SIZE}, see {@link #countDigits}) while
     * it packs, so the data is read once less. Returns whichever of {@code packed} and
     * {@code scratch} holds the result; {@code count} is left dirty.
     *
     * <p>Only the two high digits get radix passes. Values they leave out of order agree in all
     * but their lowest 10 key bits, which is rare for a unit's responses (one part in 8192 of the
     * value), so one insertion-sort pass, nearly free of moves, replaces the third radix pass. If
     * it needs many moves (values packed closely), the full sort runs.
     */
    static long[] sortPacked(long[] packed, long[] scratch, int n, int[] count) {
        long[] src = radixPasses(packed, scratch, n, count, 1);
        if (insertionFinish(src, n, (long) MAX_FINISH_MOVES * n)) return src;
        Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) countAllDigits(count, (int) (src[i] >>> 1));
        return radixPasses(src, src == packed ? scratch : packed, n, count, 0);
    }

    /** LSD passes over digits {@code first..DIGITS-1}; returns the array holding the result. */
    private static long[] radixPasses(long[] packed, long[] scratch, int n, int[] count, int first) {
        if (n == 0) return packed;
        // A digit that is equal in every value (common for the top one: one sign, few exponents)
        // needs no pass; its count is then n in the bucket of any value, e.g. the first.
        int passes = 0;
        for (int d = first; d < DIGITS; d++) {
            if (count[d * RADIX + ((int) (packed[0] >>> packedShift(d)) & MASK)] != n) passes |= 1 << d;
        }
        if (first == 0) toOffsets(count, 0);
        toOffsetsHigh(count);
        long[] src = packed, dst = scratch;
        for (int d = first; d < DIGITS; d++) {
            if ((passes & (1 << d)) == 0) continue;
            int base = d * RADIX, shift = packedShift(d);
            for (int i = 0; i < n; i++) {
                long p = src[i];
                dst[count[base + ((int) (p >>> shift) & MASK)]++] = p;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    private static int packedShift(int digit) {
        return digit == 0 ? LOW_SHIFT : digit == 1 ? MID_SHIFT : TOP_SHIFT;
    }

    /**
     * Insertion sort by key (labels are ignored: equal keys stay in their order); false, with
     * {@code v} still a permutation of its values, once it has made more than {@code maxMoves}.
     */
    private static boolean insertionFinish(long[] v, int n, long maxMoves) {
        long moves = 0;
        for (int i = 1; i < n; i++) {
            long p = v[i];
            long key = p >>> 1;
            if ((v[i - 1] >>> 1) <= key) continue;
            int j = i;
            do {
                v[j] = v[j - 1];
                j--;
            } while (j > 0 && (v[j - 1] >>> 1) > key);
            v[j] = p;
            moves += i - j;
            if (moves > maxMoves) return false;
        }
        return true;
    }

    /**
     * Adds one key's digits to the histograms {@link #sortPacked} expects: the two high digits
     * only, as the lowest one gets no radix pass there.
     */
    static void countDigits(int[] count, int key) {
        count[RADIX + ((key >>> (MID_SHIFT - 1)) & MASK)]++;
        count[2 * RADIX + (key >>> (TOP_SHIFT - 1))]++;
    }

    private static void countAllDigits(int[] count, int key) {
        count[key & MASK]++;
        countDigits(count, key);
    }

    /**
     * Turns the counts of digits 1 and 2 into starting offsets, in place, in one loop: its two
     * running sums proceed side by side, where a loop per digit would wait on one chain of adds.
     */
    private static void toOffsetsHigh(int[] count) {
        int sum1 = 0, sum2 = 0;
        for (int b = RADIX; b < 2 * RADIX; b++) {
            int c1 = count[b], c2 = count[b + RADIX];
            count[b] = sum1;
            count[b + RADIX] = sum2;
            sum1 += c1;
            sum2 += c2;
        }
    }

    /** Turns one digit's counts into starting offsets, in place. */
    private static void toOffsets(int[] count, int base) {
        int sum = 0;
        for (int b = base; b < base + RADIX; b++) {
            int c = count[b];
            count[b] = sum;
            sum += c;
        }
    }
}

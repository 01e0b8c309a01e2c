package org.interp4j.expertise;

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
     * Sorts the first {@code n} packed values ({@code key << 1 | label}) ascending by key. The
     * caller fills {@code count} (length {@link #HISTOGRAM_SIZE}, see {@link #countDigits}) while
     * it packs, so the data is read once less. Returns whichever of {@code packed} and
     * {@code scratch} holds the result; {@code count} is left dirty.
     */
    static long[] sortPacked(long[] packed, long[] scratch, int n, int[] count) {
        long[] src = packed, dst = scratch;
        for (int d = 0; d < DIGITS; d++) {
            int base = d * RADIX, shift = 1 + d * DIGIT_BITS;
            // A digit that is equal in every value (common for the top byte: one sign, few
            // exponents) needs no pass.
            if (n == 0 || count[base + ((int) (src[0] >>> shift) & MASK)] == n) continue;
            toOffsets(count, base);
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

    /** Adds one key's digits to the histograms {@link #sortPacked} expects. */
    static void countDigits(int[] count, int key) {
        count[key & MASK]++;
        count[RADIX + ((key >>> DIGIT_BITS) & MASK)]++;
        count[2 * RADIX + (key >>> (2 * DIGIT_BITS))]++;
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

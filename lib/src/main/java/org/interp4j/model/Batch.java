package org.interp4j.model;

import java.util.Arrays;

/**
 * Token ids of several texts made rectangular: rows shorter than the longest are padded and the
 * mask says which positions are real (1) or padding (0), as HF's {@code attention_mask}.
 */
public record Batch(long[][] ids, int[][] mask) {

    public enum Side { LEFT, RIGHT }

    public static Batch of(long[][] rows, long padId, Side side) {
        if (rows.length == 0) throw new IllegalArgumentException("The batch is empty: give at least one text or row of ids.");
        int len = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
        if (len == 0) throw new IllegalArgumentException("Every row of the batch is empty: nothing to run.");
        long[][] ids = new long[rows.length][len];
        int[][] mask = new int[rows.length][len];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length == 0) {
                throw new IllegalArgumentException("Row " + i + " of the batch is empty: every text needs at least one token.");
            }
            int start = side == Side.LEFT ? len - rows[i].length : 0;
            Arrays.fill(ids[i], padId);
            System.arraycopy(rows[i], 0, ids[i], start, rows[i].length);
            Arrays.fill(mask[i], start, start + rows[i].length, 1);
        }
        return new Batch(ids, mask);
    }

    public int size() {
        return ids.length;
    }

    public int length() {
        return ids[0].length;
    }

    /** One past the last real token of a row (the row length for left padding). */
    public int realEnd(int row) {
        for (int t = mask[row].length - 1; t >= 0; t--) if (mask[row][t] == 1) return t + 1;
        return 0;
    }

    /** Real tokens in row i. */
    public int realLength(int row) {
        return Arrays.stream(mask[row]).sum();
    }
}

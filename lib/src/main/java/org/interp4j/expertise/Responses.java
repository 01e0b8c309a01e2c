package org.interp4j.expertise;

/**
 * A [samples][units] response matrix, stored either as rows ({@code float[][]}) or as one
 * row-major {@code float[]}. Units are read as columns, which strides through memory; {@link
 * #keyColumns} therefore transposes a block of neighbouring units at a time, so every row is
 * read as one short contiguous run instead of once per unit.
 */
final class Responses {

    private final float[][] rows;
    private final float[] flat;
    final int samples;
    final int units;

    private Responses(float[][] rows, float[] flat, int samples, int units) {
        this.rows = rows;
        this.flat = flat;
        this.samples = samples;
        this.units = units;
    }

    static Responses of(float[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("Responses are empty: pass a [samples][units] matrix with at least one sample.");
        }
        int units = x[0] == null ? 0 : x[0].length;
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != units) {
                throw new IllegalArgumentException("Responses are ragged: sample 0 has " + units + " units but sample "
                        + r + " has " + (x[r] == null ? "none" : x[r].length)
                        + "; every sample needs a response for every unit.");
            }
        }
        checkUnits(units);
        return new Responses(x, null, x.length, units);
    }

    static Responses rowMajor(float[] x, int samples, int units) {
        if (samples <= 0) {
            throw new IllegalArgumentException("Responses have " + samples + " samples: pass at least one sample.");
        }
        checkUnits(units);
        if (x == null || (long) samples * units != x.length) {
            throw new IllegalArgumentException("Response array has " + (x == null ? 0 : x.length) + " values but "
                    + samples + " samples x " + units + " units = " + (long) samples * units
                    + " were declared; pass the matrix row-major with its true dimensions.");
        }
        return new Responses(null, x, samples, units);
    }

    private static void checkUnits(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Responses have no units: pass a [samples][units] matrix with at least one unit.");
        }
    }

    /** Rows transposed together: 16 int keys fill one cache line of each output column. */
    private static final int ROW_TILE = 16;

    /**
     * Copies units {@code [u0, u0 + count)} into {@code out[j][0..samples)} as sort keys,
     * {@code FloatRadixSort.sortableKey(x + 0.0f)}: the key costs nothing extra here, where the
     * transpose waits on memory. Adding 0.0 turns -0.0 into 0.0, which scikit-learn counts as the
     * same score.
     */
    void keyColumns(int u0, int count, int[][] out) {
        // Tiles of ROW_TILE rows: the tile's slices of the rows stay in L1 while each output
        // column gets a full cache line written at once.
        for (int r0 = 0; r0 < samples; r0 += ROW_TILE) {
            int r1 = Math.min(samples, r0 + ROW_TILE);
            for (int j = 0; j < count; j++) {
                int[] col = out[j];
                if (rows != null) {
                    for (int r = r0; r < r1; r++) col[r] = FloatRadixSort.sortableKey(rows[r][u0 + j] + 0.0f);
                } else {
                    long at = (long) r0 * units + u0 + j;
                    for (int r = r0; r < r1; r++, at += units) col[r] = FloatRadixSort.sortableKey(flat[(int) at] + 0.0f);
                }
            }
        }
    }

    /** Response of {@code unit} to {@code sample}. */
    float get(int sample, int unit) {
        return rows != null ? rows[sample][unit] : flat[(int) ((long) sample * units + unit)];
    }
}

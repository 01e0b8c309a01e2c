package org.interp4j.probe;

/**
 * A [samples, units] activation matrix, either as rows or as one row-major array, read out a few
 * columns at a time: the probe works unit by unit, so each block of columns is copied into
 * unit-major arrays that stay in cache while Newton iterates on them.
 */
final class ActivationMatrix {
    final int samples;
    final int units;
    private final float[][] rows;
    private final float[] flat;

    private ActivationMatrix(int samples, int units, float[][] rows, float[] flat) {
        this.samples = samples;
        this.units = units;
        this.rows = rows;
        this.flat = flat;
    }

    static ActivationMatrix ofRows(float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("The activation matrix is empty: pass [samples][units] with at least one sample.");
        }
        int units = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != units) {
                throw new IllegalArgumentException("Activation rows differ in length (row 0 has " + units
                        + " units, row " + i + " has " + rows[i].length + "): pass a rectangular [samples][units] matrix.");
            }
        }
        if (units == 0) throw new IllegalArgumentException("The activation matrix has no units (columns).");
        return new ActivationMatrix(rows.length, units, rows, null);
    }

    static ActivationMatrix ofFlat(float[] data, int samples, int units) {
        if (samples <= 0 || units <= 0 || (long) samples * units != data.length) {
            throw new IllegalArgumentException("Activation data of length " + data.length
                    + " does not match shape [" + samples + ", " + units + "].");
        }
        return new ActivationMatrix(samples, units, null, data);
    }

    /**
     * Copies units {@code [first, first+count)} into {@code dst[k][i]} as float64, sample {@code i}
     * being row {@code order[i]}. Float64 columns let the Newton loops run on one type, which C2
     * vectorises (a float-to-double conversion inside the loop keeps it scalar). Row by row: each
     * source row is read once as a short contiguous run, and the {@code count} output columns, one
     * cache line each per 8 samples, stay in L1 (measured faster than tiles of 8 or 16 samples
     * written column by column). Values are not checked here: a non-finite one makes the unit's sum
     * of squares non-finite, and the caller then calls {@link #rejectNonFinite}.
     */
    void copyColumns(int first, int count, int[] order, double[][] dst) {
        for (int i = 0; i < samples; i++) {
            float[] src = rows != null ? rows[order[i]] : flat;
            int offset = rows != null ? first : order[i] * units + first;
            for (int k = 0; k < count; k++) dst[k][i] = src[offset + k];
        }
    }

    /** Throws for the first NaN or infinity among units {@code [first, first+count)}, in sample order. */
    void rejectNonFinite(int first, int count) {
        for (int i = 0; i < samples; i++) {
            float[] src = rows != null ? rows[i] : flat;
            int offset = rows != null ? first : i * units + first;
            for (int k = 0; k < count; k++) {
                float v = src[offset + k];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("Activation of unit " + (first + k) + " at sample " + i
                            + " is " + v + ": remove or replace non-finite values before probing.");
                }
            }
        }
    }
}

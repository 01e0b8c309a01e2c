package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.interp4j.model.Batch;

/**
 * The final (post-norm) hidden state of every target position split into one part per source
 * token plus a remainder. Parts are stored in a window layout [batch, target, slot, d_model] with
 * {@link #window()} + 1 slots: slot w of target t is source {@code t - window + 1 + w} (the last
 * token slot is the target itself; slots before position 0 are zero) and the last slot is the
 * remainder: every bias term, plus sources older than the window. Owns native memory: close it.
 */
public final class Decomposition implements AutoCloseable {
    private final NDManager manager;
    private final NDArray parts;
    private final NDArray hidden;
    private final NDArray logits;
    private final Batch batch;
    private final int window;
    private final int length;
    private final NDArray unembedding;

    Decomposition(NDManager manager, NDArray parts, NDArray hidden, NDArray logits, Batch batch, int window,
                  int length, NDArray unembedding) {
        this.manager = manager;
        this.parts = parts;
        this.hidden = hidden;
        this.logits = logits;
        this.batch = batch;
        this.window = window;
        this.length = length;
        this.unembedding = unembedding;
    }

    /** Parts in the window layout [batch, target, window + 1, d_model] (last slot: remainder). */
    public NDArray parts() {
        return parts;
    }

    /** Token slots per target: min(length, positions). */
    public int window() {
        return window;
    }

    /** The requested length ({@link Decomposer#ALL} when every source is kept). */
    public int length() {
        return length;
    }

    /** Positions per row (rows shorter than the batch are right-padded). */
    public int positions() {
        return batch.length();
    }

    public Batch batch() {
        return batch;
    }

    /** The model's own post-final-norm hidden state [batch, target, d_model]. */
    public NDArray hidden() {
        return hidden;
    }

    /** The model's own logits [batch, target, vocab]. */
    public NDArray logits() {
        return logits;
    }

    /** The model's unembedding as stored, [vocab, d_model]: logits = hidden · Uᵀ (no output bias). Read-only. */
    public NDArray unembedding() {
        return unembedding;
    }

    /** Σ of all parts (remainder included) [batch, target, d_model]: equals {@link #hidden()}. */
    public NDArray sum() {
        NDArray s = parts.sum(new int[] {2});
        s.attach(manager);
        return s;
    }

    /** Largest |Σ parts − hidden| over the whole batch: a check that the decomposition is exact. */
    public double maxAbsError() {
        try (NDArray s = parts.sum(new int[] {2}); NDArray d = s.sub(hidden).abs(); NDArray m = d.max()) {
            return m.getFloat();
        }
    }

    /** The slot of {@code source} at {@code target}, or -1 when it is outside the window (or after the target). */
    public int slot(int target, int source) {
        if (source > target || source < 0 || target < 0 || target >= positions()) return -1;
        int w = source - target + window - 1;
        return w < 0 ? -1 : w;
    }

    /** The part of one source token in one target's hidden state [d_model]. */
    public float[] part(int row, int target, int source) {
        int w = slot(target, source);
        if (w < 0) {
            throw new IllegalArgumentException("Source " + source + " has no part of its own at target " + target
                    + ": sources run from max(0, target - " + (window - 1) + ") to the target itself.");
        }
        return parts.get(row, target, w).toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** The remainder of one target [d_model]: biases plus sources older than the window. */
    public float[] remainder(int row, int target) {
        return parts.get(row, target, window).toType(DataType.FLOAT32, false).toFloatArray();
    }

    /**
     * Parts by absolute source position [batch, target, positions + 1, d_model]: zero where the
     * source comes after the target or left the window; the last index is the remainder.
     */
    public NDArray absoluteParts() {
        int t = positions();
        try (NDManager m = manager.newSubManager()) {
            NDArray tokens = Parts.skew(parts.get(m, new NDIndex(":, :, 0:{}, :", window)))
                    .get(new NDIndex(":, :, {}:{}, :", window - 1, window - 1 + t));
            NDArray all = NDArrays.concat(new NDList(tokens, parts.get(m, new NDIndex(":, :, {}:, :", window))), 2);
            all.attach(manager);
            return all;
        }
    }

    /** The manager that owns the arrays of this decomposition: units of work on it take sub-managers of it. */
    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.interp4j.hooks.ActivationCache;

/**
 * The result of one run: logits [batch, pos, vocab], the post-final-norm hidden state
 * [batch, pos, d_model], the batch that was run and, for {@code runWithCache}, the activations.
 * It owns native memory: use it in try-with-resources or close it when done.
 */
public final class ModelOutput implements AutoCloseable {
    private final NDManager manager;
    private final NDArray logits;
    private final NDArray lastHidden;
    private final Batch batch;
    private final ActivationCache cache;

    ModelOutput(NDManager manager, NDArray logits, NDArray lastHidden, Batch batch, ActivationCache cache) {
        this.manager = manager;
        this.logits = logits;
        this.lastHidden = lastHidden;
        this.batch = batch;
        this.cache = cache;
    }

    public NDArray logits() {
        return logits;
    }

    public NDArray lastHidden() {
        return lastHidden;
    }

    public Batch batch() {
        return batch;
    }

    /** Activations recorded by runWithCache; fails clearly if this run cached nothing. */
    public ActivationCache cache() {
        if (cache == null) {
            throw new IllegalStateException("This run recorded no activations: use model.runWithCache(...) to get a cache.");
        }
        return cache;
    }

    /** Logits of one position as a Java array. Negative positions count from the row's last real token. */
    public float[] logitsAt(int row, int position) {
        int pos = position < 0 ? batch.realEnd(row) + position : position;
        return logits.get(row, pos).toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** The most likely next token after the last real token of a row. */
    public long nextToken(int row) {
        float[] l = logitsAt(row, -1);
        int best = 0;
        for (int i = 1; i < l.length; i++) if (l[i] > l[best]) best = i;
        return best;
    }

    /** log-softmax of the logits [batch, pos, vocab], owned by this output. */
    public NDArray logProbs() {
        return logits.logSoftmax(-1);
    }

    @Override
    public void close() {
        if (cache != null) cache.close();
        manager.close();
    }
}

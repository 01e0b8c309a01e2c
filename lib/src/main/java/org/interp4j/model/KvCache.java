package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens seen so far, so that generation computes each new
 * token against the cached past instead of re-running the whole prefix. Arrays are
 * [batch, position, kv_head, d_head] (keys already rotated where the model uses RoPE). The cache
 * owns them, so each step's other arrays can be freed as soon as the step is done.
 */
final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;

    KvCache(int layers, NDManager parent) {
        manager = parent.newSubManager();
        keys = new NDArray[layers];
        values = new NDArray[layers];
    }

    /** Appends this call's keys and values for a layer and returns the full history. */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        keys[layer] = grow(keys[layer], k);
        values[layer] = grow(values[layer], v);
        return new NDArray[] {keys[layer], values[layer]};
    }

    private NDArray grow(NDArray past, NDArray now) {
        NDArray all = past == null ? now.duplicate() : past.concat(now, 1);
        all.attach(manager);
        if (past != null) past.close();
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }
}

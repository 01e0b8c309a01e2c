package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/**
 * Keys and values of every layer for the tokens seen so far, so that generation computes each new
 * token against the cached past instead of re-running the whole prefix. Arrays are
 * [batch, position, kv_head, d_head] (keys already rotated where the model uses RoPE).
 */
public final class KvCache {
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    public KvCache(int layers) {
        keys = new NDArray[layers];
        values = new NDArray[layers];
    }

    /** Positions already cached. */
    public int length() {
        return length;
    }

    /** Appends this call's keys and values for a layer and returns the full history. */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        if (keys[layer] == null) {
            keys[layer] = k;
            values[layer] = v;
        } else {
            keys[layer] = keys[layer].concat(k, 1);
            values[layer] = values[layer].concat(v, 1);
        }
        return new NDArray[] {keys[layer], values[layer]};
    }

    /** Called once a forward step has gone through every layer. */
    void advance(int newPositions) {
        length += newPositions;
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the tokens seen so far, so that generation computes each new
 * token against the cached past instead of re-running the whole prefix. Each layer's keys and
 * values live in one array sized for the whole generation, head-major [batch, kv_head, capacity,
 * d_head] (keys already rotated where the model uses RoPE): a step writes only its own positions,
 * and attention reads the filled part as a view, in the layout its batched products want, so no
 * step copies the past.
 */
final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final int capacity;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int[] filled;

    KvCache(int layers, int capacity, NDManager parent) {
        manager = parent.newSubManager();
        this.capacity = capacity;
        keys = new NDArray[layers];
        values = new NDArray[layers];
        filled = new int[layers];
    }

    /**
     * Stores this call's keys and values of a layer, k and v [batch, pos, kv_head, d_head], and
     * returns keys and values of every position so far, [batch, kv_head, past + pos, d_head]: views
     * owned by the caller's arrays' manager (freed with the step), valid until the next append.
     */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        long[] s = k.getShape().getShape();
        int from = filled[layer], to = from + (int) s[1];
        if (to > capacity) {
            throw new IllegalStateException("The KV cache holds " + capacity + " positions; " + to + " asked.");
        }
        if (keys[layer] == null) {
            Shape shape = new Shape(s[0], s[2], capacity, s[3]);
            keys[layer] = manager.zeros(shape, k.getDataType());
            values[layer] = manager.zeros(shape, v.getDataType());
        }
        NDIndex written = new NDIndex(":, :, {}:{}", from, to), seen = new NDIndex(":, :, :{}", to);
        keys[layer].set(written, k.transpose(0, 2, 1, 3));
        values[layer].set(written, v.transpose(0, 2, 1, 3));
        filled[layer] = to;
        NDManager step = k.getManager();
        return new NDArray[] {keys[layer].get(step, seen), values[layer].get(step, seen)};
    }

    @Override
    public void close() {
        manager.close();
    }
}

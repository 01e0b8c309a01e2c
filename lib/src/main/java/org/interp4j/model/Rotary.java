package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding (RoPE) in the "rotate half" layout HF uses for Llama and GPT-NeoX:
 * the first {@code dim} dimensions of each head are split in two halves (x1, x2) and turned by
 * angle θ_j·pos: (x1·cos − x2·sin, x2·cos + x1·sin). Other dimensions pass through (NeoX's
 * partial rotary).
 */
final class Rotary {
    private final int dim;
    private final float[] invFreq;

    Rotary(int dim, double theta) {
        this.dim = dim;
        invFreq = new float[dim / 2];
        // Computed in float32 as HF does, so angles agree to the last bit.
        for (int j = 0; j < dim / 2; j++) invFreq[j] = (float) (1.0 / Math.pow(theta, (2.0 * j) / dim));
    }

    /**
     * cos and sin tables [batch, pos, 1, dim] for the given absolute positions [batch][pos]. The sin
     * table's first half is negated, so that the rotation is x·cos + (x2, x1)·sin with no pass negating
     * x2 (−(x2·sin) and x2·(−sin) are the same float).
     */
    NDArray[] tables(NDManager m, int[][] positions) {
        int b = positions.length, p = positions[0].length;
        float[] cos = new float[b * p * dim], sin = new float[b * p * dim];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < p; t++) {
                int base = (i * p + t) * dim;
                for (int j = 0; j < dim / 2; j++) {
                    float angle = positions[i][t] * invFreq[j];
                    float c = (float) Math.cos(angle), s = (float) Math.sin(angle);
                    cos[base + j] = c;
                    cos[base + j + dim / 2] = c;
                    sin[base + j] = -s;
                    sin[base + j + dim / 2] = s;
                }
            }
        }
        Shape shape = new Shape(b, p, 1, dim);
        return new NDArray[] {m.create(cos, shape), m.create(sin, shape)};
    }

    /** Applies the rotation to x [batch, pos, head, d_head]. */
    NDArray apply(NDArray x, NDArray[] cosSin) {
        long dHead = x.getShape().get(3);
        NDArray rot = dim == dHead ? x : x.get(new NDIndex("..., :{}", dim));
        NDArray x1 = rot.get(new NDIndex("..., :{}", dim / 2));
        NDArray x2 = rot.get(new NDIndex("..., {}:", dim / 2));
        NDArray rotated = NDArrays.concat(new NDList(x2, x1), 3);
        NDArray out = rot.mul(cosSin[0]).addi(rotated.muli(cosSin[1])); // in place on fresh products
        if (dim == dHead) return out;
        return NDArrays.concat(new NDList(out, x.get(new NDIndex("..., {}:", dim))), 3);
    }
}

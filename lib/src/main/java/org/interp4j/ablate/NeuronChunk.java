package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * What every effect path needs about a chunk of C neurons at the T scored positions, made once per
 * chunk in its manager: the neurons' output weights w [C, d] and logit directions v [C, V], v at
 * each position's target token [T, C], and Δa = ā − a [T, C], the change ablation makes to each
 * activation.
 */
record NeuronChunk(int from, int size, NDArray w, NDArray v, float[] vAtTarget, NDArray delta, float[] vDotU) {

    static NeuronChunk of(NDManager m, CleanPass clean, Readout readout, UnigramTerms uni, NDArray wOut, int[] ns,
                          float[] values, int from, int to) {
        int c = to - from;
        long[] idx = new long[c];
        for (int j = 0; j < c; j++) idx[j] = ns[from + j];
        NDArray sel = m.create(idx);
        NDArray w = wOut.get(m, new NDIndex("{}", sel)); // [C, d]
        NDArray v = readout.logitDirections(w); // [C, V]
        NDArray vt = v.transpose().get(new NDIndex("{}", clean.targets)); // [T, C]: v_n at each target
        NDArray a = clean.activations.get(new NDIndex(":, {}", sel)); // [T, C]
        float[] vals = new float[c];
        System.arraycopy(values, from, vals, 0, c);
        NDArray delta = m.create(vals, new Shape(1, c)).sub(a); // Δa
        for (NDArray x : new NDArray[] {w, v, vt, a, delta}) x.attach(m);
        float[] uv = uni == null ? null : v.matMul(uni.u.reshape(-1, 1)).reshape(-1).toFloatArray();
        return new NeuronChunk(from, c, w, v, vt.toFloatArray(), delta, uv);
    }
}

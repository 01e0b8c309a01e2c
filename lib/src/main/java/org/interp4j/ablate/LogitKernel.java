package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Log-sum-exp and entropy of many ablated logit vectors without a forward pass each. Ablating one
 * last-layer neuron changes the logits at position t only by a few fixed vectors:
 * <pre>  x[t, n] = A[t, n]·ℓ_t + B[t, n]·v_n + G[t, n]·ℓ_b + D[t, n]·u </pre>
 * (ℓ_t the clean logits, v_n the neuron's logit direction, ℓ_b the final norm's bias logits, u the
 * unigram direction). Every (position, neuron) pair still needs one pass over the vocabulary for
 * the softmax; this does those passes as a few large tensor operations per chunk.
 */
final class LogitKernel {
    private LogitKernel() {}

    /** Outputs [T, C]: log-sum-exp of x and its softmax entropy (null if not wanted). */
    record Result(float[] lse, float[] entropy) {}

    /**
     * @param logits clean logits [T, V]; {@code v} neuron directions [C, V]; A, G, D may be null
     *               (A = 1, G = 0, D = 0); {@code budget} elements per [p, C, V] chunk
     */
    static Result run(NDArray logits, NDArray v, NDArray a, NDArray b, NDArray g, NDArray biasLogits, NDArray d,
                      NDArray u, boolean wantEntropy, long budget) {
        int t = (int) logits.getShape().get(0), c = (int) v.getShape().get(0), vocab = (int) v.getShape().get(1);
        int step = (int) Math.max(1, Math.min(t, budget / ((long) c * vocab)));
        float[] lse = new float[t * c], ent = wantEntropy ? new float[t * c] : null;
        NDArray vv = v.reshape(1, c, vocab);
        NDArray bl = biasLogits == null ? null : biasLogits.reshape(1, 1, vocab);
        NDArray uu = u == null ? null : u.reshape(1, 1, vocab);
        for (int from = 0; from < t; from += step) {
            int to = Math.min(t, from + step), p = to - from;
            try (NDManager m = logits.getManager().newSubManager()) {
                NDIndex rows = new NDIndex(from + ":" + to);
                // operands are taken into the chunk's manager so every temporary is freed with it
                NDArray x = coef(b, m, rows, p, c).mul(vv);
                NDArray l = logits.get(m, rows).reshape(p, 1, vocab);
                if (a == null) x.addi(l);
                else x.addi(coef(a, m, rows, p, c).mul(l));
                if (g != null) x.addi(coef(g, m, rows, p, c).mul(bl));
                if (d != null) x.addi(coef(d, m, rows, p, c).mul(uu));
                NDArray mx = x.max(new int[] {2}, true);
                x.subi(mx);
                NDArray e = x.exp();
                NDArray s = e.sum(new int[] {2});
                float[] logS = s.log().toFloatArray();
                float[] mxs = mx.reshape(p, c).toFloatArray();
                float[] ex = wantEntropy ? e.muli(x).sum(new int[] {2}).div(s).toFloatArray() : null;
                for (int i = 0; i < p * c; i++) {
                    lse[from * c + i] = mxs[i] + logS[i];
                    if (wantEntropy) ent[from * c + i] = logS[i] - ex[i];
                }
            }
        }
        return new Result(lse, ent);
    }

    private static NDArray coef(NDArray x, NDManager m, NDIndex rows, int p, int c) {
        return x.get(m, rows).reshape(p, c, 1);
    }
}

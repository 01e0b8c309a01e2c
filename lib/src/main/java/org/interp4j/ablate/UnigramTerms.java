package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The unigram quantities of a clean run that do not depend on which neuron is ablated. */
final class UnigramTerms {
    final NDArray q, u;
    /** q in float64 [V], for KL(q ‖ model) (see {@link Float64Rows}). */
    final NDArray q64;
    final double selfInfo; // Σ q log q
    /** KL(q ‖ clean model) per scored position, in float64. */
    final double[] klBefore;
    final float[] cleanProjection; // π_t = ℓ_t·u
    final float biasProjection; // ℓ_b·u
    final float[] uAtTarget;

    UnigramTerms(NDManager m, CleanPass clean, Readout readout, TokenFrequencies frequencies, UnigramDirection direction) {
        double[] p = frequencies.distribution();
        float[] qf = new float[p.length];
        double si = 0;
        for (int i = 0; i < p.length; i++) {
            qf[i] = (float) p[i];
            si += p[i] * Math.log(p[i]);
        }
        selfInfo = si;
        q = m.create(qf, new Shape(qf.length));
        q64 = m.create(p, new Shape(p.length));
        klBefore = klFromUnigram(clean.logits, clean.lse);
        u = direction.vocab(m);
        cleanProjection = clean.logits.matMul(u.reshape(-1, 1)).reshape(-1).toFloatArray();
        NDArray bl = readout.biasLogits();
        bl.attach(m);
        biasProjection = bl.dot(u).getFloat();
        float[] uf = direction.vocab();
        uAtTarget = new float[clean.count];
        for (int t = 0; t < clean.count; t++) uAtTarget[t] = uf[(int) clean.targetIds[t]];
    }

    /** KL(q ‖ softmax(x)) per row of logits x [n, V], in float64; {@code lse} is x's float log-sum-exp. */
    double[] klFromUnigram(NDArray x, float[] lse) {
        NDArray x64 = Float64Rows.toDouble(x);
        double[] lse64 = Float64Rows.logSumExp(x64, lse);
        double[] dot = x64.matMul(q64.reshape(-1, 1)).toDoubleArray();
        double[] kl = new double[dot.length];
        for (int i = 0; i < kl.length; i++) kl[i] = Float64Rows.kl(selfInfo, dot[i], lse64[i], 1);
        return kl;
    }
}

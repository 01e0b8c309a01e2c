package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The unigram quantities of a clean run that do not depend on which neuron is ablated. */
final class UnigramTerms {
    final NDArray q, u;
    final double selfInfo; // Σ q log q
    final float[] cleanProjection; // π_t = ℓ_t·u
    final float biasProjection; // ℓ_b·u
    final float biasDotQ; // ℓ_b·q
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
        u = direction.vocab(m);
        clean.unigram(q);
        cleanProjection = clean.logits.matMul(u.reshape(-1, 1)).reshape(-1).toFloatArray();
        NDArray bl = readout.biasLogits();
        bl.attach(m);
        biasProjection = bl.dot(u).getFloat();
        biasDotQ = bl.dot(q).getFloat();
        float[] uf = direction.vocab();
        uAtTarget = new float[clean.count];
        for (int t = 0; t < clean.count; t++) uAtTarget[t] = uf[(int) clean.targetIds[t]];
    }
}

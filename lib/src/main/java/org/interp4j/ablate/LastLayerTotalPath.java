package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The total effect of a last-layer neuron in closed form: nothing but the final norm follows the
 * MLP, so the ablated residual r' = r + Δa·w only changes the norm's scale, from s to
 * s' = sqrt((‖P(r)‖² + 2Δa·P(r)·P(w) + Δa²‖P(w)‖²) / d + ε), and the logits become
 * x = α·ℓ + β·v + γ·ℓ_b with α = s/s', β = Δa/s' and, for LayerNorm, γ = 1 − α (RMSNorm has no bias).
 * Also KL(unigram ‖ model) after ablation when unigram terms are given.
 */
final class LastLayerTotalPath {
    private LastLayerTotalPath() {}

    /** The total path's logits and, with unigram terms, each (position, neuron)'s move along u to undo. */
    record Renormalised(AblatedLogits logits, float[] alpha, float[] beta, float[] moveBack) {}

    static Renormalised add(NDManager m, NeuronChunk k, PositionTerms pos, CleanPass clean, Readout readout,
                            UnigramTerms uni, double dModel, EffectStats stats) {
        int c = k.size(), tc = clean.count;
        NDArray delta = k.delta(), s = pos.scale();
        NDArray pw = readout.centre(k.w()); // [C, d], in m since w is
        NDArray rw = pos.centred().matMul(pw.transpose()); // [T, C]
        NDArray ww = pw.square().sum(new int[] {1}).reshape(1, c);
        NDArray s2 = pos.centredNorm2().add(delta.mul(rw).mul(2)).add(delta.square().mul(ww)).div(dModel)
                .add(readout.eps()).sqrt();
        NDArray alpha = s.div(s2), beta = delta.div(s2);
        NDArray gamma = readout.isLayerNorm() ? alpha.neg().add(1) : null;
        for (NDArray x : new NDArray[] {rw, s2, alpha, beta}) x.attach(m);
        if (gamma != null) gamma.attach(m);
        AblatedLogits logits = AblatedLogits.renormalised(alpha, beta, gamma, pos.biasLogits());
        LogitKernel.Result r = LogitKernel.run(clean.logits, k.v(), uni == null ? logits : logits.withUnigram(uni.q64));
        float[] aF = alpha.toFloatArray(), bF = beta.toFloatArray();
        float[] moveBack = uni == null ? null : new float[tc * c];
        for (int t = 0; t < tc; t++) {
            for (int j = 0; j < c; j++) {
                int i = t * c + j;
                double al = aF[i], be = bF[i], ga = gamma == null ? 0 : 1 - al;
                double target = al * pos.targetLogits()[t] + be * k.vAtTarget()[i] + ga * pos.biasAtTarget()[t];
                double klAfter = uni == null ? Double.NaN : Float64Rows.kl(uni.selfInfo, r.unigramDot()[i], r.lse64()[i], 1);
                stats.addPath(true, k.from() + j, clean, t, r.lse()[i], r.entropy()[i], target, r.kl()[i],
                        uni == null ? Double.NaN : uni.klBefore[t], klAfter);
                if (uni != null) {
                    // the ablated projection on u is α·π + γ·(ℓ_b·u) + β·(v·u); moving back by π − that restores π
                    double pi = uni.cleanProjection[t];
                    moveBack[i] = (float) (pi - (al * pi + ga * uni.biasProjection + be * k.vDotU()[j]));
                }
            }
        }
        return new Renormalised(logits, aF, bF, moveBack);
    }
}

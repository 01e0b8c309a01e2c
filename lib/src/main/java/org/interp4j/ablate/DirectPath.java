package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The direct effect: only the neuron's own write to the final residual is removed, the final
 * norm's scale s frozen at its clean value, so the logits move along the neuron's direction alone:
 * x = ℓ + (Δa / s)·v. Any layer, every neuron from one cached run.
 */
final class DirectPath {
    private DirectPath() {}

    static void add(NDManager m, NeuronChunk k, PositionTerms pos, CleanPass clean, EffectStats stats) {
        NDArray b = k.delta().div(pos.scale());
        b.attach(m);
        LogitKernel.Result r = LogitKernel.run(clean.logits, k.v(), AblatedLogits.direct(b));
        float[] bF = b.toFloatArray();
        int c = k.size();
        for (int t = 0; t < clean.count; t++) {
            for (int j = 0; j < c; j++) {
                int i = t * c + j;
                double target = pos.targetLogits()[t] + bF[i] * k.vAtTarget()[i];
                stats.addPath(false, k.from() + j, clean, t, r.lse()[i], r.entropy()[i], target, r.kl()[i],
                        Double.NaN, Double.NaN);
            }
        }
    }
}

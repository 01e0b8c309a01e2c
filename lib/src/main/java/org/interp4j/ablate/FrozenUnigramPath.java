package org.interp4j.ablate;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The original's {@code loss_post_ablation_with_frozen_unigram}: the total path's logits moved
 * back along the unigram direction u to their clean projection, so only the part of the effect
 * that does not go through the frequency direction remains.
 */
final class FrozenUnigramPath {
    private FrozenUnigramPath() {}

    static void add(NDManager m, NeuronChunk k, PositionTerms pos, CleanPass clean, UnigramTerms uni,
                    LastLayerTotalPath.Renormalised total, EffectStats stats) {
        int c = k.size(), tc = clean.count;
        AblatedLogits moved = total.logits().movedAlong(m.create(total.moveBack(), new Shape(tc, c)), uni.u);
        LogitKernel.Result r = LogitKernel.run(clean.logits, k.v(), moved);
        boolean layerNorm = total.logits().g() != null;
        for (int t = 0; t < tc; t++) {
            for (int j = 0; j < c; j++) {
                int i = t * c + j;
                double al = total.alpha()[i], ga = layerNorm ? 1 - al : 0;
                double target = al * pos.targetLogits()[t] + total.beta()[i] * k.vAtTarget()[i]
                        + ga * pos.biasAtTarget()[t] + total.moveBack()[i] * uni.uAtTarget[t];
                stats.addFrozen(k.from() + j, clean, t, r.lse()[i], target);
            }
        }
    }
}

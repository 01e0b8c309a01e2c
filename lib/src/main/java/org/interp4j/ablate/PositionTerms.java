package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Per-position quantities every neuron chunk shares, made once per run: the final norm's clean
 * scale s [T, 1], the clean logit of each target [T] and the bias logits ℓ_b at the targets, the
 * centred final residual P(r) [T, d] (the residual itself for RMSNorm) and ‖P(r)‖² [T, 1].
 */
record PositionTerms(NDArray scale, float[] targetLogits, NDArray centred, NDArray centredNorm2, NDArray biasLogits,
                     float[] biasAtTarget) {

    static PositionTerms of(CleanPass clean, Readout readout, NDManager m) {
        NDArray s = readout.scale(clean.resid); // [T, 1]
        NDArray lt = clean.logits.gather(clean.targets.reshape(-1, 1), 1); // [T, 1]
        NDArray pr = readout.centre(clean.resid); // [T, d]
        NDArray rr = pr.square().sum(new int[] {1}, true); // [T, 1]
        NDArray bl = readout.biasLogits(); // [V]
        bl.attach(m);
        float[] blF = bl.toFloatArray();
        float[] atTarget = new float[clean.count];
        for (int t = 0; t < clean.count; t++) atTarget[t] = blF[(int) clean.targetIds[t]];
        return new PositionTerms(s, lt.toFloatArray(), pr, rr, bl, atTarget);
    }
}

package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;

/**
 * How the logits at each scored position t change when neuron n is ablated, as the coefficients of
 * a few fixed vectors ({@link LogitKernel} turns them into softmax statistics):
 * <pre>  x[t, n] = A[t, n]·ℓ_t + B[t, n]·v_n + G[t, n]·ℓ_b + D[t, n]·u </pre>
 * ℓ_t the clean logits, v_n the neuron's logit direction, ℓ_b the final norm's bias logits, u the
 * unigram direction. Each path of {@link NeuronEffects} is one of the named shapes below; absent
 * coefficients mean A = 1, G = 0, D = 0.
 *
 * @param a          [T, C] scale of the clean logits, or null for 1
 * @param b          [T, C] weight of the neuron's direction
 * @param g          [T, C] weight of the bias logits, or null for 0
 * @param biasLogits [V] ℓ_b, with {@code g}
 * @param d          [T, C] weight of the unigram direction, or null for 0
 * @param u          [V] the unigram direction, with {@code d}
 * @param unigram    [V] the unigram distribution in float64, to also return Σ q·x and lse(x) for KL(q ‖ ·); or null
 * @param entropy    whether to compute entropy and KL(clean ‖ ·) besides the log-sum-exp
 */
record AblatedLogits(NDArray a, NDArray b, NDArray g, NDArray biasLogits, NDArray d, NDArray u, NDArray unigram,
                     boolean entropy) {

    AblatedLogits {
        if (unigram != null && !entropy) throw new IllegalArgumentException("The unigram terms come with the entropy pass.");
        if (g != null && biasLogits == null) throw new IllegalArgumentException("G needs the bias logits.");
        if (d != null && u == null) throw new IllegalArgumentException("D needs the unigram direction.");
    }

    /** Direct path: x = ℓ + B·v, the final norm's scale frozen. */
    static AblatedLogits direct(NDArray b) {
        return new AblatedLogits(null, b, null, null, null, null, null, true);
    }

    /** Total path of the last layer: the norm recomputed, x = α·ℓ + β·v + γ·ℓ_b (γ null for RMSNorm). */
    static AblatedLogits renormalised(NDArray alpha, NDArray beta, NDArray gamma, NDArray biasLogits) {
        return new AblatedLogits(alpha, beta, gamma, gamma == null ? null : biasLogits, null, null, null, true);
    }

    /** The same logits, also scored against a unigram distribution (float64 [V]). */
    AblatedLogits withUnigram(NDArray q) {
        return new AblatedLogits(a, b, g, biasLogits, d, u, q, entropy);
    }

    /** The same logits moved by D·u, log-sum-exp only (the frozen-unigram path). */
    AblatedLogits movedAlong(NDArray dd, NDArray direction) {
        return new AblatedLogits(a, b, g, biasLogits, dd, direction, null, false);
    }
}

package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Divergences of next-token distributions given as float logits, computed in float64 from their
 * log-probabilities: in float32 they cancel to rounding noise of 1e-4 (even below zero) for a small
 * ablation, as large as the differences the neuron selection ranks on. Two forms of the same sum:
 * <ul>
 * <li>{@link #klRows}: Σ p (log p − log q) from two log-softmaxes, exactly 0 for identical rows;
 *     the forward path, where each row has its own clean distribution, uses it;</li>
 * <li>{@link #kl}: Σ r log r − Σ r·x + lse(x)·Σ r for a reference r fixed over many rows x: the
 *     closed-form kernel gets Σ r·x of a whole block from one matrix product and lse(x) from
 *     {@link #logSumExp}, instead of a second log-softmax per row (a fifth of its time). It also
 *     gives KL(unigram ‖ model) on both paths. Equal to the first form to ~1e-15, not exactly 0
 *     for identical rows.</li>
 * </ul>
 */
final class Float64Rows {
    private Float64Rows() {}

    /**
     * log-sum-exp of each row of x [r, V], in double. {@code approx} [r] is any estimate of it
     * (e.g. the float value a log-softmax gave): the exponentials are shifted by it, so their sum is
     * about 1 and neither overflows nor loses digits.
     */
    static double[] logSumExp(NDArray x64, float[] approx) {
        int r = approx.length;
        NDArray shift = x64.getManager().create(approx, new Shape(r, 1)).toType(DataType.FLOAT64, false);
        double[] sumExp = x64.sub(shift).exp().sum(new int[] {1}).toDoubleArray();
        double[] lse = new double[r];
        for (int j = 0; j < r; j++) lse[j] = approx[j] + Math.log(sumExp[j]);
        return lse;
    }

    /** KL(r ‖ softmax(x)) from Σ r log r, Σ r·x, lse(x) and Σ r (1 for a distribution). */
    static double kl(double refSumRLogR, double refDotX, double lseX, double refMass) {
        return refSumRLogR - refDotX + lseX * refMass;
    }

    /** KL(softmax(p) ‖ softmax(x)) per row of two logit matrices [n, V], as Σ p (log p − log q). */
    static double[] klRows(NDArray logitsP, NDArray logitsX) {
        NDArray logP = toDouble(logitsP).logSoftmax(1);
        NDArray logQ = toDouble(logitsX).logSoftmax(1);
        return logP.exp().mul(logP.sub(logQ)).sum(new int[] {1}).toDoubleArray();
    }

    /** The logits as float64 (a copy). */
    static NDArray toDouble(NDArray x) {
        return x.toType(DataType.FLOAT64, true);
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The two normalisations the supported families use, over the last (d_model) axis. */
final class Norms {
    private Norms() {}

    /**
     * LayerNorm: (x − mean) / sqrt(var + eps) · w + b, with the biased variance. One fused op, as
     * torch's {@code F.layer_norm}: written out it took nine passes over the residual stream.
     */
    static NDArray layerNorm(NDArray x, NDArray w, NDArray b, double eps) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(w.getShape().get(0)), w, b, (float) eps).singletonOrThrow();
    }

    /**
     * RMSNorm: x / sqrt(mean(x²) + eps) · w. mean(x²) is taken as ‖x‖²/d: one pass over x (the 2-norm)
     * instead of two (squares, then their mean); the rest works on one number per position.
     */
    static NDArray rmsNorm(NDArray x, NDArray w, double eps) {
        long d = x.getShape().tail();
        NDArray rms = x.norm(new int[] {-1}, true).square().divi(d).addi(eps).sqrt();
        return x.div(rms).muli(w); // in place on the fresh quotient: one full-size array, not two
    }
}

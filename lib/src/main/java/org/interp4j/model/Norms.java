package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/** The two normalisations the supported families use, over the last (d_model) axis. */
final class Norms {
    private Norms() {}

    /** LayerNorm: (x − mean) / sqrt(var + eps) · w + b, with the biased variance. */
    static NDArray layerNorm(NDArray x, NDArray w, NDArray b, double eps) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray var = centred.square().mean(new int[] {-1}, true);
        return centred.div(var.add(eps).sqrt()).mul(w).add(b);
    }

    /** RMSNorm: x / sqrt(mean(x²) + eps) · w. */
    static NDArray rmsNorm(NDArray x, NDArray w, double eps) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return x.div(rms).mul(w);
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/** The MLP nonlinearities, by the names config.json uses. */
final class Activations {
    private Activations() {}

    /** 2·√(2/π), the tanh approximation's constant doubled (see {@link #geluTanh}). */
    private static final double TWO_C = 2 * Math.sqrt(2 / Math.PI);

    static NDArray apply(String name, NDArray x) {
        return switch (name) {
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> geluTanh(x);
            case "gelu" -> ai.djl.nn.Activation.gelu(x);
            case "relu" -> ai.djl.nn.Activation.relu(x);
            case "silu", "swish" -> ai.djl.nn.Activation.sigmoid(x).muli(x); // x·σ(x), no temporary left behind
            default -> throw new IllegalArgumentException("Activation function '" + name + "' is not supported.");
        };
    }

    /**
     * GPT-2's tanh approximation of GELU, ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), computed as
     * x·σ(2√(2/π)·x·(1 + 0.044715·x²)) since ½(1 + tanh z) = σ(2z). That is six passes over the
     * MLP's neurons instead of eight, with x² where a general power (DJL sends x.pow(3) to the slow
     * tensor-exponent kernel) cost as much as all the rest; the temporaries are updated in place.
     */
    static NDArray geluTanh(NDArray x) {
        try (NDArray z = x.square().muli(0.044715 * TWO_C).addi(TWO_C).muli(x)) {
            return ai.djl.nn.Activation.sigmoid(z).muli(x);
        }
    }
}

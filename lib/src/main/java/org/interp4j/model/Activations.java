package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/** The MLP nonlinearities, by the names config.json uses. */
final class Activations {
    private Activations() {}

    static NDArray apply(String name, NDArray x) {
        return switch (name) {
            // GPT-2's tanh approximation of GELU
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> x.mul(0.5).mul(
                    x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI)).tanh().add(1));
            case "gelu" -> ai.djl.nn.Activation.gelu(x);
            case "relu" -> ai.djl.nn.Activation.relu(x);
            case "silu", "swish" -> x.mul(ai.djl.nn.Activation.sigmoid(x));
            default -> throw new IllegalArgumentException("Activation function '" + name + "' is not supported.");
        };
    }
}

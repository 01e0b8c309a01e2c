package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * The feed-forward block on parts. The nonlinearity is made linear with the undecomposed pass:
 * every part's pre-activation is multiplied by act(x)/x of the real pre-activation x of its
 * target (for ReLU this keeps exactly the units that fire, as the paper does), so the parts still
 * add up to act(x). For gated MLPs (SwiGLU) the gate comes from the real pass and only the up
 * projection is split: act(gate) ⊙ up(part). Input and output biases go to the remainder.
 */
final class PartMlp {
    private PartMlp() {}

    /**
     * The result is in the manager of {@code x}, the caller's unit of work; each block of targets has
     * its own sub-manager, and only its output leaves it.
     *
     * @param x      normalised parts [b, T, W + 1, d]
     * @param factor per-target multiplier of the hidden units [b, T, d_mlp]: act(x)/x, or act(gate)
     * @param block  targets handled together (bounds the memory of the hidden layer)
     */
    static NDArray apply(NDArray x, NDArray factor, FamilyWeights.Layer w, int block) {
        long[] s = x.getShape().getShape();
        int t = (int) s[1], window = (int) s[2] - 1;
        NDManager stage = x.getManager();
        List<NDArray> blocks = new ArrayList<>();
        for (int t0 = 0; t0 < t; t0 += block) {
            int t1 = Math.min(t, t0 + block);
            // slots before w0 hold no source for any target of the block (they are all zero)
            int w0 = Math.max(0, window - t1);
            try (NDManager unit = stage.newSubManager()) { // frees the block's hidden layer right away
                NDArray h = x.get(unit, new NDIndex(":, {}:{}, {}:, :", t0, t1, w0)).matMul(w.inW());
                if (w.inB() != null) h = Parts.addToRemainder(h, w.inB());
                h = h.mul(factor.get(unit, new NDIndex(":, {}:{}, :", t0, t1)).expandDims(2));
                NDArray out = h.matMul(w.outW());
                if (w.outB() != null) out = Parts.addToRemainder(out, w.outB());
                out = Parts.padFront(out, 2, w0);
                out.attach(stage);
                blocks.add(out);
            }
        }
        return Parts.concatAndClose(blocks, 1);
    }

    /** act(x)/x from the real pre- and post-activations; 0 where x is exactly 0 (act(0) = 0 there). */
    static NDArray ratio(NDArray pre, NDArray post) {
        NDArray zero = pre.eq(0);
        NDArray safe = NDArrays.where(zero, pre.onesLike(), pre);
        return post.div(safe).mul(zero.logicalNot().toType(post.getDataType(), false));
    }

    /** The gate activation of a gated MLP, by the names config.json uses. */
    static NDArray activate(String name, NDArray x) {
        return switch (name) {
            case "silu", "swish" -> x.mul(Activation.sigmoid(x));
            case "gelu" -> Activation.gelu(x);
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> x.mul(0.5).mul(
                    x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI)).tanh().add(1));
            case "relu" -> Activation.relu(x);
            default -> throw new IllegalArgumentException("Activation function '" + name + "' is not supported.");
        };
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/**
 * What GPT-2, GPT-NeoX and OPT have in common: every norm is a LayerNorm (scale and shift), the MLP
 * is act(x·W_in + b_in)·W_out + b_out, and the unembedding is one matrix. The families differ in
 * their embeddings and in how q, k and v are laid out; they load the shared parts into {@link Block}s.
 */
abstract class LayerNormTransformer extends Transformer {

    /** A LayerNorm's scale and shift, each [d_model]. */
    protected record Norm(NDArray weight, NDArray bias) {
        static Norm load(Weights w, String prefix, long d) {
            return new Norm(w.get(prefix + ".weight", d), w.get(prefix + ".bias", d));
        }
    }

    /** x·W + b with W stored [in, out]. */
    protected record Affine(NDArray weight, NDArray bias) {
        /** An {@code nn.Linear} ([out, in] on disk) and its bias. */
        static Affine linear(Weights w, String prefix, long in, long out) {
            return new Affine(w.linear(prefix + ".weight", in, out), w.get(prefix + ".bias", out));
        }

        /** GPT-2's {@code Conv1D}, stored [in, out] already. */
        static Affine conv1d(Weights w, String prefix, long in, long out) {
            return new Affine(w.get(prefix + ".weight", in, out), w.get(prefix + ".bias", out));
        }

        NDArray apply(NDArray x) {
            return Transformer.linear(x, weight, bias);
        }
    }

    /** The parts of a block all three families share; q/k/v stay with the family. */
    protected record Block(Norm ln1, Affine attnOut, Norm ln2, Affine mlpIn, Affine mlpOut) {}

    /** How a family stores its projections: {@link Affine#linear} or {@link Affine#conv1d}. */
    @FunctionalInterface
    protected interface Projection {
        Affine load(Weights w, String prefix, long in, long out);
    }

    /**
     * One block per layer, its tensors named {@code layerPrefix + l + "." + name}: the two norms, the
     * attention output projection [d_model, d_model] and the MLP's [d_model, d_mlp] and [d_mlp, d_model]
     * (the families differ only in these names and in how a projection is stored).
     */
    protected static Block[] blocks(ModelConfig c, Weights w, Projection projection, String layerPrefix,
                                    String ln1, String attnOut, String ln2, String mlpIn, String mlpOut) {
        long d = c.dModel(), m = c.dMlp();
        Block[] blocks = new Block[c.nLayers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = layerPrefix + l + ".";
            blocks[l] = new Block(Norm.load(w, p + ln1, d), projection.load(w, p + attnOut, d, d),
                    Norm.load(w, p + ln2, d), projection.load(w, p + mlpIn, d, m), projection.load(w, p + mlpOut, m, d));
        }
        return blocks;
    }

    private final Block[] blocks;
    private final Norm lnFinal;
    private final NDArray unembedW;

    protected LayerNormTransformer(ModelConfig c, Block[] blocks, Norm lnFinal, NDArray unembedW) {
        super(c);
        this.blocks = blocks;
        this.lnFinal = lnFinal;
        this.unembedW = unembedW;
    }

    private NDArray layerNorm(NDArray x, Norm n) {
        return Norms.layerNorm(x, n.weight(), n.bias(), cfg.normEps());
    }

    @Override protected NDArray norm1(int l, NDArray x) { return layerNorm(x, blocks[l].ln1()); }

    @Override protected NDArray norm2(int l, NDArray x) { return layerNorm(x, blocks[l].ln2()); }

    @Override protected NDArray attnOut(int l, NDArray z) { return blocks[l].attnOut().apply(z); }

    @Override protected NDArray[] mlpIn(int l, NDArray x) { return new NDArray[] {blocks[l].mlpIn().apply(x), null}; }

    @Override protected NDArray mlpPost(int l, NDArray pre, NDArray up) { return Activations.apply(cfg.activation(), pre); }

    @Override protected NDArray mlpOut(int l, NDArray post) { return blocks[l].mlpOut().apply(post); }

    @Override protected NDArray normFinal(NDArray x) { return layerNorm(x, lnFinal); }

    @Override protected NDArray unembed(NDArray x) { return x.matMul(unembedW); }
}

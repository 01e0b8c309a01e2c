package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * GPT-2: learned positions added to token embeddings, pre-LayerNorm blocks, a fused q/k/v
 * projection (HF's Conv1D, stored [in, out]), GELU (tanh form) MLP, unembedding tied to the token
 * embedding.
 */
final class Gpt2 extends Transformer {
    private record Block(NDArray ln1W, NDArray ln1B, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB,
                         NDArray ln2W, NDArray ln2B, NDArray fcW, NDArray fcB, NDArray outW, NDArray outB) {}

    private final NDArray wte, wpe, lnfW, lnfB, unembedW;
    private final Block[] blocks;

    Gpt2(ModelConfig c, Weights w) {
        super(c);
        long d = c.dModel(), m = c.dMlp();
        wte = w.get("wte.weight", c.vocabSize(), d);
        wpe = w.get("wpe.weight", c.maxPositions(), d);
        lnfW = w.get("ln_f.weight", d);
        lnfB = w.get("ln_f.bias", d);
        unembedW = wte.transpose();
        blocks = new Block[c.nLayers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            blocks[l] = new Block(
                    w.get(p + "ln_1.weight", d), w.get(p + "ln_1.bias", d),
                    w.get(p + "attn.c_attn.weight", d, 3 * d), w.get(p + "attn.c_attn.bias", 3 * d),
                    w.get(p + "attn.c_proj.weight", d, d), w.get(p + "attn.c_proj.bias", d),
                    w.get(p + "ln_2.weight", d), w.get(p + "ln_2.bias", d),
                    w.get(p + "mlp.c_fc.weight", d, m), w.get(p + "mlp.c_fc.bias", m),
                    w.get(p + "mlp.c_proj.weight", m, d), w.get(p + "mlp.c_proj.bias", d));
        }
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(wte, ids); }

    @Override protected NDArray embedPositions(NDArray positions) { return lookup(wpe, positions); }

    @Override protected NDArray norm1(int l, NDArray x) {
        return Norms.layerNorm(x, blocks[l].ln1W, blocks[l].ln1B, cfg.normEps());
    }

    @Override protected NDArray norm2(int l, NDArray x) {
        return Norms.layerNorm(x, blocks[l].ln2W, blocks[l].ln2B, cfg.normEps());
    }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        // c_attn's output is [q | k | v], each d_model wide
        NDList qkv = linear(x, blocks[l].qkvW, blocks[l].qkvB).split(3, 2);
        int h = cfg.nHeads();
        return new NDArray[] {heads(qkv.get(0), h), heads(qkv.get(1), h), heads(qkv.get(2), h)};
    }

    @Override protected NDArray attnOut(int l, NDArray z) { return linear(z, blocks[l].projW, blocks[l].projB); }

    @Override protected NDArray mlpPre(int l, NDArray x) { return linear(x, blocks[l].fcW, blocks[l].fcB); }

    @Override protected NDArray mlpPost(int l, NDArray pre, NDArray x) {
        return Activations.apply(cfg.activation(), pre);
    }

    @Override protected NDArray mlpOut(int l, NDArray post) { return linear(post, blocks[l].outW, blocks[l].outB); }

    @Override protected NDArray normFinal(NDArray x) { return Norms.layerNorm(x, lnfW, lnfB, cfg.normEps()); }

    @Override protected NDArray unembed(NDArray x) { return x.matMul(unembedW); }
}

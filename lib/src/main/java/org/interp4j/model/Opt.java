package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/**
 * OPT (pre-LayerNorm variants: opt-125m, 1.3b and up): learned positions looked up at
 * position + 2 (the table's first two rows are reserved), separate biased q/k/v projections,
 * ReLU MLP, unembedding tied to the token embedding.
 */
final class Opt extends Transformer {
    private record Block(NDArray ln1W, NDArray ln1B, NDArray qW, NDArray qB, NDArray kW, NDArray kB, NDArray vW,
                         NDArray vB, NDArray oW, NDArray oB, NDArray ln2W, NDArray ln2B, NDArray fc1W, NDArray fc1B,
                         NDArray fc2W, NDArray fc2B) {}

    private final NDArray embedTokens, embedPositions, lnfW, lnfB, unembedW;
    private final Block[] blocks;

    Opt(ModelConfig c, Weights w) {
        super(c);
        long d = c.dModel(), m = c.dMlp();
        embedTokens = w.get("decoder.embed_tokens.weight", c.vocabSize(), d);
        embedPositions = w.get("decoder.embed_positions.weight", c.maxPositions() + c.positionOffset(), d);
        lnfW = w.get("decoder.final_layer_norm.weight", d);
        lnfB = w.get("decoder.final_layer_norm.bias", d);
        unembedW = c.tiedEmbeddings() || !w.has("lm_head.weight") ? embedTokens.transpose()
                : w.linear("lm_head.weight", d, c.vocabSize());
        blocks = new Block[c.nLayers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "decoder.layers." + l + ".";
            blocks[l] = new Block(
                    w.get(p + "self_attn_layer_norm.weight", d), w.get(p + "self_attn_layer_norm.bias", d),
                    w.linear(p + "self_attn.q_proj.weight", d, d), w.get(p + "self_attn.q_proj.bias", d),
                    w.linear(p + "self_attn.k_proj.weight", d, d), w.get(p + "self_attn.k_proj.bias", d),
                    w.linear(p + "self_attn.v_proj.weight", d, d), w.get(p + "self_attn.v_proj.bias", d),
                    w.linear(p + "self_attn.out_proj.weight", d, d), w.get(p + "self_attn.out_proj.bias", d),
                    w.get(p + "final_layer_norm.weight", d), w.get(p + "final_layer_norm.bias", d),
                    w.linear(p + "fc1.weight", d, m), w.get(p + "fc1.bias", m),
                    w.linear(p + "fc2.weight", m, d), w.get(p + "fc2.bias", d));
        }
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(embedTokens, ids); }

    @Override protected NDArray embedPositions(NDArray positions) { return lookup(embedPositions, positions); }

    @Override protected NDArray norm1(int l, NDArray x) {
        return Norms.layerNorm(x, blocks[l].ln1W, blocks[l].ln1B, cfg.normEps());
    }

    @Override protected NDArray norm2(int l, NDArray x) {
        return Norms.layerNorm(x, blocks[l].ln2W, blocks[l].ln2B, cfg.normEps());
    }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        Block b = blocks[l];
        int h = cfg.nHeads();
        return new NDArray[] {heads(linear(x, b.qW, b.qB), h), heads(linear(x, b.kW, b.kB), h),
                heads(linear(x, b.vW, b.vB), h)};
    }

    @Override protected NDArray attnOut(int l, NDArray z) { return linear(z, blocks[l].oW, blocks[l].oB); }

    @Override protected NDArray mlpPre(int l, NDArray x) { return linear(x, blocks[l].fc1W, blocks[l].fc1B); }

    @Override protected NDArray mlpPost(int l, NDArray pre, NDArray x) {
        return Activations.apply(cfg.activation(), pre);
    }

    @Override protected NDArray mlpOut(int l, NDArray post) { return linear(post, blocks[l].fc2W, blocks[l].fc2B); }

    @Override protected NDArray normFinal(NDArray x) { return Norms.layerNorm(x, lnfW, lnfB, cfg.normEps()); }

    @Override protected NDArray unembed(NDArray x) { return x.matMul(unembedW); }
}

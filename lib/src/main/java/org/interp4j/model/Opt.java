package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/**
 * OPT (pre-LayerNorm variants: opt-125m, 1.3b and up): learned positions looked up at
 * position + 2 (the table's first two rows are reserved), separate biased q/k/v projections,
 * ReLU MLP, unembedding tied to the token embedding.
 */
final class Opt extends LayerNormTransformer {
    private final NDArray embedTokens, embedPositions;
    /** q_proj, k_proj, v_proj of each block. */
    private final Affine[][] qkv;

    Opt(ModelConfig c, Weights w) {
        super(c, blocks(c, w, Affine::linear, "decoder.layers.", "self_attn_layer_norm", "self_attn.out_proj",
                "final_layer_norm", "fc1", "fc2"), Norm.load(w, "decoder.final_layer_norm", c.dModel()), unembedding(c, w));
        long d = c.dModel();
        embedTokens = w.get("decoder.embed_tokens.weight", c.vocabSize(), d);
        embedPositions = w.get("decoder.embed_positions.weight", c.maxPositions() + c.positionOffset(), d);
        qkv = new Affine[c.nLayers()][];
        for (int l = 0; l < qkv.length; l++) {
            String p = "decoder.layers." + l + ".self_attn.";
            qkv[l] = new Affine[] {Affine.linear(w, p + "q_proj", d, d), Affine.linear(w, p + "k_proj", d, d),
                    Affine.linear(w, p + "v_proj", d, d)};
        }
    }

    private static NDArray unembedding(ModelConfig c, Weights w) {
        if (c.tiedEmbeddings() || !w.has("lm_head.weight")) {
            return w.get("decoder.embed_tokens.weight", c.vocabSize(), c.dModel()).transpose();
        }
        return w.linear("lm_head.weight", c.dModel(), c.vocabSize());
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(embedTokens, ids); }

    @Override protected NDArray embedPositions(NDArray positions) { return lookup(embedPositions, positions); }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        int h = cfg.nHeads();
        return new NDArray[] {heads(qkv[l][0].apply(x), h), heads(qkv[l][1].apply(x), h), heads(qkv[l][2].apply(x), h)};
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * GPT-NeoX (Pythia): rotary embedding on the first {@code rotary_pct} of each head's dimensions,
 * a fused q/k/v projection laid out per head ([q_h | k_h | v_h] for each head h), exact GELU MLP,
 * and (usually) the parallel residual: attention and MLP both read the block input.
 */
final class GptNeoX extends LayerNormTransformer {
    private final NDArray embedIn;
    private final Affine[] qkv;

    GptNeoX(ModelConfig c, Weights w) {
        super(c, blocks(c, w, Affine::linear, "layers.", "input_layernorm", "attention.dense", "post_attention_layernorm",
                "mlp.dense_h_to_4h", "mlp.dense_4h_to_h"), Norm.load(w, "final_layer_norm", c.dModel()), unembedding(c, w));
        long d = c.dModel();
        embedIn = w.get("embed_in.weight", c.vocabSize(), d);
        qkv = new Affine[c.nLayers()];
        for (int l = 0; l < qkv.length; l++) qkv[l] = Affine.linear(w, "layers." + l + ".attention.query_key_value", d, 3 * d);
    }

    private static NDArray unembedding(ModelConfig c, Weights w) {
        return c.tiedEmbeddings() ? w.get("embed_in.weight", c.vocabSize(), c.dModel()).transpose()
                : w.linear("embed_out.weight", c.dModel(), c.vocabSize());
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(embedIn, ids); }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        // [batch, pos, head, 3·d_head], then q, k, v are the three thirds of each head's slice
        NDList parts = heads(qkv[l].apply(x), cfg.nHeads()).split(3, 3);
        return new NDArray[] {parts.get(0), parts.get(1), parts.get(2)};
    }
}

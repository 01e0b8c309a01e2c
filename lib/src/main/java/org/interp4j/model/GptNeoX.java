package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * GPT-NeoX (Pythia): rotary embedding on the first {@code rotary_pct} of each head's dimensions,
 * a fused q/k/v projection laid out per head ([q_h | k_h | v_h] for each head h), exact GELU MLP,
 * and (usually) the parallel residual: attention and MLP both read the block input.
 */
final class GptNeoX extends Transformer {
    private record Block(NDArray ln1W, NDArray ln1B, NDArray qkvW, NDArray qkvB, NDArray denseW, NDArray denseB,
                         NDArray ln2W, NDArray ln2B, NDArray upW, NDArray upB, NDArray downW, NDArray downB) {}

    private final NDArray embedIn, lnfW, lnfB, unembedW;
    private final Block[] blocks;

    GptNeoX(ModelConfig c, Weights w) {
        super(c);
        long d = c.dModel(), m = c.dMlp();
        embedIn = w.get("embed_in.weight", c.vocabSize(), d);
        lnfW = w.get("final_layer_norm.weight", d);
        lnfB = w.get("final_layer_norm.bias", d);
        unembedW = c.tiedEmbeddings() ? embedIn.transpose() : w.linear("embed_out.weight", d, c.vocabSize());
        blocks = new Block[c.nLayers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            blocks[l] = new Block(
                    w.get(p + "input_layernorm.weight", d), w.get(p + "input_layernorm.bias", d),
                    w.linear(p + "attention.query_key_value.weight", d, 3 * d),
                    w.get(p + "attention.query_key_value.bias", 3 * d),
                    w.linear(p + "attention.dense.weight", d, d), w.get(p + "attention.dense.bias", d),
                    w.get(p + "post_attention_layernorm.weight", d), w.get(p + "post_attention_layernorm.bias", d),
                    w.linear(p + "mlp.dense_h_to_4h.weight", d, m), w.get(p + "mlp.dense_h_to_4h.bias", m),
                    w.linear(p + "mlp.dense_4h_to_h.weight", m, d), w.get(p + "mlp.dense_4h_to_h.bias", d));
        }
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(embedIn, ids); }

    @Override protected NDArray norm1(int l, NDArray x) {
        return Norms.layerNorm(x, blocks[l].ln1W, blocks[l].ln1B, cfg.normEps());
    }

    @Override protected NDArray norm2(int l, NDArray x) {
        return Norms.layerNorm(x, blocks[l].ln2W, blocks[l].ln2B, cfg.normEps());
    }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        // [batch, pos, head, 3·d_head], then q, k, v are the three thirds of each head's slice
        NDArray fused = heads(linear(x, blocks[l].qkvW, blocks[l].qkvB), cfg.nHeads());
        NDList qkv = fused.split(3, 3);
        return new NDArray[] {qkv.get(0), qkv.get(1), qkv.get(2)};
    }

    @Override protected NDArray attnOut(int l, NDArray z) { return linear(z, blocks[l].denseW, blocks[l].denseB); }

    @Override protected NDArray mlpPre(int l, NDArray x) { return linear(x, blocks[l].upW, blocks[l].upB); }

    @Override protected NDArray mlpPost(int l, NDArray pre, NDArray x) {
        return Activations.apply(cfg.activation(), pre);
    }

    @Override protected NDArray mlpOut(int l, NDArray post) { return linear(post, blocks[l].downW, blocks[l].downB); }

    @Override protected NDArray normFinal(NDArray x) { return Norms.layerNorm(x, lnfW, lnfB, cfg.normEps()); }

    @Override protected NDArray unembed(NDArray x) { return x.matMul(unembedW); }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Llama family (Llama, Mistral, SmolLM2, ...): RMSNorm, rotary embedding on whole heads,
 * grouped-query attention (fewer key/value heads than query heads), no biases by default, and the
 * SwiGLU MLP: down(silu(gate(x)) ⊙ up(x)). The unembedding is lm_head or the tied token embedding.
 */
final class Llama extends Transformer {
    /**
     * One block's weights, [in, out] as the forward pass reads them. q, k and v are one stacked
     * projection, [q | k | v] along its outputs, and so are the MLP's gate and up: one product each.
     */
    private record Block(NDArray ln1W, NDArray qkvW, NDArray qkvB, NDArray oW, NDArray ln2W, NDArray gateUpW,
                         NDArray downW) {}

    private final NDArray embedTokens, normW, unembedW;
    private final Block[] blocks;

    Llama(ModelConfig c, Weights w) {
        super(c);
        long d = c.dModel(), m = c.dMlp(), q = (long) c.nHeads() * c.dHead(), kv = (long) c.nKvHeads() * c.dHead();
        embedTokens = w.get("embed_tokens.weight", c.vocabSize(), d);
        normW = w.get("norm.weight", d);
        unembedW = c.tiedEmbeddings() || !w.has("lm_head.weight") ? embedTokens.transpose()
                : w.linear("lm_head.weight", d, c.vocabSize());
        blocks = new Block[c.nLayers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".", a = p + "self_attn.";
            w.get(a + "q_proj.weight", q, d); // shapes checked before stacking
            w.get(a + "k_proj.weight", kv, d);
            w.get(a + "v_proj.weight", kv, d);
            w.get(p + "mlp.gate_proj.weight", m, d);
            w.get(p + "mlp.up_proj.weight", m, d);
            NDArray qkvB = null;
            if (c.attentionBias()) {
                w.get(a + "q_proj.bias", q);
                w.get(a + "k_proj.bias", kv);
                w.get(a + "v_proj.bias", kv);
                qkvB = w.stack(a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias");
            }
            blocks[l] = new Block(
                    w.get(p + "input_layernorm.weight", d),
                    w.stack(a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight").transpose(), qkvB,
                    w.linear(a + "o_proj.weight", q, d),
                    w.get(p + "post_attention_layernorm.weight", d),
                    w.stack(p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight").transpose(),
                    w.linear(p + "mlp.down_proj.weight", m, d));
        }
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(embedTokens, ids); }

    @Override protected NDArray norm1(int l, NDArray x) { return Norms.rmsNorm(x, blocks[l].ln1W, cfg.normEps()); }

    @Override protected NDArray norm2(int l, NDArray x) { return Norms.rmsNorm(x, blocks[l].ln2W, cfg.normEps()); }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        Block b = blocks[l];
        // [batch, pos, head + 2·kv_head, d_head]: q's heads, then k's, then v's; all parts are views
        int h = cfg.nHeads(), kv = cfg.nKvHeads();
        NDArray all = heads(linear(x, b.qkvW, b.qkvB), h + 2 * kv);
        NDList parts = all.split(new long[] {h, h + kv}, 2);
        return new NDArray[] {parts.get(0), parts.get(1), parts.get(2), all.get(new NDIndex(":, :, :{}", h + kv))};
    }

    @Override protected NDArray attnOut(int l, NDArray z) { return linear(z, blocks[l].oW, null); }

    /** gate(x) and up(x): the two halves of one product, as views. */
    @Override protected NDArray[] mlpIn(int l, NDArray x) {
        NDList halves = linear(x, blocks[l].gateUpW, null).split(2, 2);
        return new NDArray[] {halves.get(0), halves.get(1)};
    }

    @Override protected NDArray mlpPost(int l, NDArray gate, NDArray up) {
        return Activations.apply(cfg.activation(), gate).muli(up); // in place on the fresh activation
    }

    @Override protected NDArray mlpOut(int l, NDArray post) { return linear(post, blocks[l].downW, null); }

    @Override protected NDArray normFinal(NDArray x) { return Norms.rmsNorm(x, normW, cfg.normEps()); }

    @Override protected NDArray unembed(NDArray x) { return x.matMul(unembedW); }
}

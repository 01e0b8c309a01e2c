package org.interp4j.model;

import ai.djl.ndarray.NDArray;

/**
 * Llama family (Llama, Mistral, SmolLM2, ...): RMSNorm, rotary embedding on whole heads,
 * grouped-query attention (fewer key/value heads than query heads), no biases by default, and the
 * SwiGLU MLP: down(silu(gate(x)) ⊙ up(x)). The unembedding is lm_head or the tied token embedding.
 */
final class Llama extends Transformer {
    private record Block(NDArray ln1W, NDArray qW, NDArray qB, NDArray kW, NDArray kB, NDArray vW, NDArray vB,
                         NDArray oW, NDArray ln2W, NDArray gateW, NDArray upW, NDArray downW) {}

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
            String p = "layers." + l + ".";
            boolean bias = c.attentionBias();
            blocks[l] = new Block(
                    w.get(p + "input_layernorm.weight", d),
                    w.linear(p + "self_attn.q_proj.weight", d, q), bias ? w.get(p + "self_attn.q_proj.bias", q) : null,
                    w.linear(p + "self_attn.k_proj.weight", d, kv), bias ? w.get(p + "self_attn.k_proj.bias", kv) : null,
                    w.linear(p + "self_attn.v_proj.weight", d, kv), bias ? w.get(p + "self_attn.v_proj.bias", kv) : null,
                    w.linear(p + "self_attn.o_proj.weight", q, d),
                    w.get(p + "post_attention_layernorm.weight", d),
                    w.linear(p + "mlp.gate_proj.weight", d, m), w.linear(p + "mlp.up_proj.weight", d, m),
                    w.linear(p + "mlp.down_proj.weight", m, d));
        }
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(embedTokens, ids); }

    @Override protected NDArray norm1(int l, NDArray x) { return Norms.rmsNorm(x, blocks[l].ln1W, cfg.normEps()); }

    @Override protected NDArray norm2(int l, NDArray x) { return Norms.rmsNorm(x, blocks[l].ln2W, cfg.normEps()); }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        Block b = blocks[l];
        return new NDArray[] {heads(linear(x, b.qW, b.qB), cfg.nHeads()), heads(linear(x, b.kW, b.kB), cfg.nKvHeads()),
                heads(linear(x, b.vW, b.vB), cfg.nKvHeads())};
    }

    @Override protected NDArray attnOut(int l, NDArray z) { return linear(z, blocks[l].oW, null); }

    @Override protected NDArray mlpPre(int l, NDArray x) { return linear(x, blocks[l].gateW, null); }

    @Override protected NDArray mlpPost(int l, NDArray gate, NDArray x) {
        return Activations.apply(cfg.activation(), gate).mul(linear(x, blocks[l].upW, null));
    }

    @Override protected NDArray mlpOut(int l, NDArray post) { return linear(post, blocks[l].downW, null); }

    @Override protected NDArray normFinal(NDArray x) { return Norms.rmsNorm(x, normW, cfg.normEps()); }

    @Override protected NDArray unembed(NDArray x) { return x.matMul(unembedW); }
}

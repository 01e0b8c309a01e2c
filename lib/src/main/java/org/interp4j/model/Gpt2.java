package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * GPT-2: learned positions added to token embeddings, pre-LayerNorm blocks, a fused q/k/v
 * projection (HF's Conv1D, stored [in, out]), GELU (tanh form) MLP, unembedding tied to the token
 * embedding.
 */
final class Gpt2 extends LayerNormTransformer {
    private final NDArray wte, wpe;
    /** c_attn of each block: [q | k | v], each d_model wide. */
    private final Affine[] qkv;

    Gpt2(ModelConfig c, Weights w) {
        super(c, blocks(c, w, Affine::conv1d, "h.", "ln_1", "attn.c_proj", "ln_2", "mlp.c_fc", "mlp.c_proj"),
                Norm.load(w, "ln_f", c.dModel()), w.get("wte.weight", c.vocabSize(), c.dModel()).transpose());
        long d = c.dModel();
        wte = w.get("wte.weight", c.vocabSize(), d);
        wpe = w.get("wpe.weight", c.maxPositions(), d);
        qkv = new Affine[c.nLayers()];
        for (int l = 0; l < qkv.length; l++) qkv[l] = Affine.conv1d(w, "h." + l + ".attn.c_attn", d, 3 * d);
    }

    @Override protected NDArray embedTokens(NDArray ids) { return lookup(wte, ids); }

    @Override protected NDArray embedPositions(NDArray positions) { return lookup(wpe, positions); }

    @Override
    protected NDArray[] qkv(int l, NDArray x) {
        NDList parts = qkv[l].apply(x).split(3, 2);
        int h = cfg.nHeads();
        return new NDArray[] {heads(parts.get(0), h), heads(parts.get(1), h), heads(parts.get(2), h)};
    }
}

package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.interp4j.model.Architecture;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelConfig;

/**
 * The weights the decomposition needs, read through {@link LanguageModel#parameter(String)} and
 * turned to the [in, out] orientation so every projection reads {@code parts·W}. Only the value
 * and output projections of attention matter: queries and keys act through the attention
 * pattern, which comes from the ordinary forward pass. The views {@link #layer} makes of the
 * model's parameters belong to the caller's unit of work, so they are freed with it; the
 * parameters themselves are returned as they are.
 */
final class FamilyWeights {
    /** One block: norms (bias null for RMSNorm), value/output projections and the MLP. */
    record Layer(NDArray ln1W, NDArray ln1B, NDArray ln2W, NDArray ln2B, NDArray vW, NDArray vB, NDArray oW,
                 NDArray oB, NDArray inW, NDArray inB, NDArray outW, NDArray outB) {}

    private final LanguageModel model;
    private final ModelConfig cfg;

    FamilyWeights(LanguageModel model) {
        this.model = model;
        this.cfg = model.config();
    }

    /** LayerNorm (centred) or RMSNorm (scaled only). */
    boolean layerNorm() {
        return cfg.architecture() != Architecture.LLAMA;
    }

    /** SwiGLU-style MLP: act(gate) ⊙ up(x), with the gate taken from the undecomposed pass. */
    boolean gated() {
        return cfg.architecture() == Architecture.LLAMA;
    }

    /** Block {@code l}'s weights; the views among them (slices, transposes) are made in {@code unit}. */
    Layer layer(int l, NDManager unit) {
        return switch (cfg.architecture()) {
            case GPT2 -> gpt2(l, unit);
            case GPT_NEOX -> neox(l, unit);
            case OPT -> opt(l, unit);
            case LLAMA -> llama(l, unit);
        };
    }

    /** Final norm weight and bias (bias null for RMSNorm). */
    NDArray[] finalNorm() {
        return switch (cfg.architecture()) {
            case GPT2 -> new NDArray[] {p("ln_f.weight"), p("ln_f.bias")};
            case GPT_NEOX -> new NDArray[] {p("final_layer_norm.weight"), p("final_layer_norm.bias")};
            case OPT -> new NDArray[] {p("decoder.final_layer_norm.weight"), p("decoder.final_layer_norm.bias")};
            case LLAMA -> new NDArray[] {p("norm.weight"), null};
        };
    }

    /** The unembedding as stored, [vocab, d_model] (none of the four families has an output bias). */
    NDArray unembedding() {
        return switch (cfg.architecture()) {
            case GPT2 -> p("wte.weight");
            case GPT_NEOX -> cfg.tiedEmbeddings() ? p("embed_in.weight") : p("embed_out.weight");
            case OPT -> cfg.tiedEmbeddings() || !has("lm_head.weight") ? p("decoder.embed_tokens.weight") : p("lm_head.weight");
            case LLAMA -> cfg.tiedEmbeddings() || !has("lm_head.weight") ? p("embed_tokens.weight") : p("lm_head.weight");
        };
    }

    private Layer gpt2(int l, NDManager unit) {
        String s = "h." + l + ".";
        int d = cfg.dModel();
        // Conv1D c_attn is [in, 3·d] = [q | k | v]
        NDArray vW = p(s + "attn.c_attn.weight").get(unit, new NDIndex(":, {}:{}", 2 * d, 3 * d));
        NDArray vB = p(s + "attn.c_attn.bias").get(unit, new NDIndex("{}:{}", 2 * d, 3 * d));
        return new Layer(p(s + "ln_1.weight"), p(s + "ln_1.bias"), p(s + "ln_2.weight"), p(s + "ln_2.bias"),
                vW, vB, p(s + "attn.c_proj.weight"), p(s + "attn.c_proj.bias"),
                p(s + "mlp.c_fc.weight"), p(s + "mlp.c_fc.bias"), p(s + "mlp.c_proj.weight"), p(s + "mlp.c_proj.bias"));
    }

    private Layer neox(int l, NDManager unit) {
        String s = "layers." + l + ".";
        int d = cfg.dModel(), h = cfg.nHeads(), dh = cfg.dHead();
        // query_key_value rows are laid out per head: [q_h | k_h | v_h] for each head h
        NDArray vW = in(unit, p(s + "attention.query_key_value.weight").reshape(h, 3, dh, d))
                .get(new NDIndex(":, 2, :, :")).reshape(h * dh, d).transpose();
        NDArray vB = in(unit, p(s + "attention.query_key_value.bias").reshape(h, 3, dh)).get(new NDIndex(":, 2, :"))
                .reshape(h * dh);
        return new Layer(p(s + "input_layernorm.weight"), p(s + "input_layernorm.bias"),
                p(s + "post_attention_layernorm.weight"), p(s + "post_attention_layernorm.bias"),
                vW, vB, lin(unit, s + "attention.dense.weight"), opt(s + "attention.dense.bias"),
                lin(unit, s + "mlp.dense_h_to_4h.weight"), opt(s + "mlp.dense_h_to_4h.bias"),
                lin(unit, s + "mlp.dense_4h_to_h.weight"), opt(s + "mlp.dense_4h_to_h.bias"));
    }

    private Layer opt(int l, NDManager unit) {
        String s = "decoder.layers." + l + ".";
        return new Layer(p(s + "self_attn_layer_norm.weight"), p(s + "self_attn_layer_norm.bias"),
                p(s + "final_layer_norm.weight"), p(s + "final_layer_norm.bias"),
                lin(unit, s + "self_attn.v_proj.weight"), opt(s + "self_attn.v_proj.bias"),
                lin(unit, s + "self_attn.out_proj.weight"), opt(s + "self_attn.out_proj.bias"),
                lin(unit, s + "fc1.weight"), opt(s + "fc1.bias"), lin(unit, s + "fc2.weight"), opt(s + "fc2.bias"));
    }

    /** Llama: inW is up_proj (the gate comes from the undecomposed pass); no MLP biases. */
    private Layer llama(int l, NDManager unit) {
        String s = "layers." + l + ".";
        return new Layer(p(s + "input_layernorm.weight"), null, p(s + "post_attention_layernorm.weight"), null,
                lin(unit, s + "self_attn.v_proj.weight"), cfg.attentionBias() ? p(s + "self_attn.v_proj.bias") : null,
                lin(unit, s + "self_attn.o_proj.weight"), null,
                lin(unit, s + "mlp.up_proj.weight"), null, lin(unit, s + "mlp.down_proj.weight"), null);
    }

    private boolean has(String name) {
        return model.parameterNames().contains(name);
    }

    private NDArray p(String name) {
        return model.parameter(name);
    }

    private NDArray opt(String name) {
        return has(name) ? p(name) : null;
    }

    /** nn.Linear weight [out, in] as an [in, out] view, made in {@code unit}. */
    private NDArray lin(NDManager unit, String name) {
        return in(unit, p(name).transpose());
    }

    /**
     * A view just made of a parameter, moved to {@code unit}: it would otherwise stay with the model
     * until the model closes. Views computed from it then land in {@code unit} too.
     */
    private static NDArray in(NDManager unit, NDArray view) {
        view.attach(unit);
        return view;
    }
}

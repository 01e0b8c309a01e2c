package org.interp4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shape of a model, read from an HF {@code config.json} (as transformers 4.x or 5.x write it)
 * or built from GGUF metadata. Names follow TransformerLens: d_model, d_head, d_mlp, ...
 *
 * @param rotaryDim     dimensions of each head that rotary embedding turns (0: learned positions)
 * @param positionOffset OPT stores two extra rows in front of its position table
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int dModel,
        int nLayers,
        int nHeads,
        int nKvHeads,
        int dHead,
        int dMlp,
        int maxPositions,
        double normEps,
        double ropeTheta,
        int rotaryDim,
        boolean parallelResidual,
        boolean tiedEmbeddings,
        String activation,
        int positionOffset,
        boolean attentionBias,
        Long bosTokenId,
        Long eosTokenId,
        Long padTokenId) {

    /**
     * The id that fills padded positions: the config's pad id, else its end-of-text id, else 0, the first of
     * them inside the vocabulary. Padded positions are masked, so any valid id will do, but it must be valid:
     * GPT-2 configs give end-of-text 50256 even to checkpoints with a smaller vocabulary.
     */
    public long padId() {
        for (Long id : new Long[] {padTokenId, eosTokenId}) {
            if (id != null && id >= 0 && id < vocabSize) return id;
        }
        return 0;
    }

    public static ModelConfig read(Path configJson) throws IOException {
        if (!Files.exists(configJson)) {
            throw new IOException("No config.json at " + configJson.toAbsolutePath()
                    + ": a model folder needs config.json next to model.safetensors.");
        }
        try {
            return fromJson(new ObjectMapper().readTree(configJson.toFile()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(configJson + " is not valid JSON (" + e.getOriginalMessage() + ").", e);
        }
    }

    public static ModelConfig fromJson(JsonNode c) {
        if (!c.hasNonNull("model_type")) {
            throw new IllegalArgumentException("config.json has no model_type: cannot tell the architecture.");
        }
        Architecture arch = Architecture.fromModelType(c.get("model_type").asText());
        return switch (arch) {
            case GPT2 -> gpt2(c);
            case GPT_NEOX -> neox(c);
            case OPT -> opt(c);
            case LLAMA -> llama(c);
        };
    }

    private static ModelConfig gpt2(JsonNode c) {
        int d = req(c, "n_embd");
        int heads = req(c, "n_head");
        int inner = c.hasNonNull("n_inner") ? c.get("n_inner").asInt() : 4 * d;
        return new ModelConfig(Architecture.GPT2, req(c, "vocab_size"), d, req(c, "n_layer"), heads, heads,
                d / heads, inner, req(c, "n_positions"), dbl(c, "layer_norm_epsilon", 1e-5), 0, 0, false,
                true, str(c, "activation_function", "gelu_new"), 0, true,
                id(c, "bos_token_id"), id(c, "eos_token_id"), id(c, "pad_token_id"));
    }

    private static ModelConfig neox(JsonNode c) {
        int d = req(c, "hidden_size");
        int heads = req(c, "num_attention_heads");
        int dHead = d / heads;
        JsonNode rope = c.path("rope_parameters");
        double pct = rope.hasNonNull("partial_rotary_factor") ? rope.get("partial_rotary_factor").asDouble()
                : c.hasNonNull("partial_rotary_factor") ? c.get("partial_rotary_factor").asDouble()
                : dbl(c, "rotary_pct", 0.25);
        double theta = ropeTheta(c, c.hasNonNull("rotary_emb_base") ? c.get("rotary_emb_base").asDouble() : 10000);
        return new ModelConfig(Architecture.GPT_NEOX, req(c, "vocab_size"), d, req(c, "num_hidden_layers"), heads,
                heads, dHead, req(c, "intermediate_size"), req(c, "max_position_embeddings"),
                dbl(c, "layer_norm_eps", 1e-5), theta, (int) (dHead * pct),
                c.path("use_parallel_residual").asBoolean(true), c.path("tie_word_embeddings").asBoolean(false),
                str(c, "hidden_act", "gelu"), 0, c.path("attention_bias").asBoolean(true),
                id(c, "bos_token_id"), id(c, "eos_token_id"), id(c, "pad_token_id"));
    }

    private static ModelConfig opt(JsonNode c) {
        int d = req(c, "hidden_size");
        int heads = req(c, "num_attention_heads");
        if (c.hasNonNull("word_embed_proj_dim") && c.get("word_embed_proj_dim").asInt() != d) {
            throw new IllegalArgumentException("OPT checkpoints with word_embed_proj_dim != hidden_size "
                    + "(such as opt-350m) are not supported; use opt-125m, opt-1.3b or larger.");
        }
        if (!c.path("do_layer_norm_before").asBoolean(true)) {
            throw new IllegalArgumentException("OPT checkpoints with post-layer-norm (do_layer_norm_before=false, "
                    + "opt-350m) are not supported; use opt-125m, opt-1.3b or larger.");
        }
        return new ModelConfig(Architecture.OPT, req(c, "vocab_size"), d, req(c, "num_hidden_layers"), heads, heads,
                d / heads, req(c, "ffn_dim"), req(c, "max_position_embeddings"), 1e-5, 0, 0, false,
                c.path("tie_word_embeddings").asBoolean(true), str(c, "activation_function", "relu"), 2,
                c.path("enable_bias").asBoolean(true),
                id(c, "bos_token_id"), id(c, "eos_token_id"), id(c, "pad_token_id"));
    }

    private static ModelConfig llama(JsonNode c) {
        int d = req(c, "hidden_size");
        int heads = req(c, "num_attention_heads");
        int kv = c.hasNonNull("num_key_value_heads") ? c.get("num_key_value_heads").asInt() : heads;
        int dHead = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : d / heads;
        JsonNode ropeType = c.path("rope_parameters").path("rope_type");
        JsonNode scaling = c.path("rope_scaling");
        if ((!ropeType.isMissingNode() && !ropeType.asText().equals("default"))
                || (scaling.isObject() && !scaling.path("rope_type").asText("default").equals("default"))) {
            throw new IllegalArgumentException("RoPE scaling ('" + (ropeType.isMissingNode()
                    ? scaling.path("rope_type").asText() : ropeType.asText())
                    + "') is not supported yet; Llama-family models with default RoPE are.");
        }
        return new ModelConfig(Architecture.LLAMA, req(c, "vocab_size"), d, req(c, "num_hidden_layers"), heads, kv,
                dHead, req(c, "intermediate_size"), c.path("max_position_embeddings").asInt(2048),
                dbl(c, "rms_norm_eps", 1e-6), ropeTheta(c, 10000), dHead, false,
                c.path("tie_word_embeddings").asBoolean(false), str(c, "hidden_act", "silu"), 0,
                c.path("attention_bias").asBoolean(false),
                id(c, "bos_token_id"), id(c, "eos_token_id"), id(c, "pad_token_id"));
    }

    /** transformers 5 moved {@code rope_theta} into {@code rope_parameters}; 4.x keeps it at the top. */
    private static double ropeTheta(JsonNode c, double fallback) {
        JsonNode inner = c.path("rope_parameters").path("rope_theta");
        if (!inner.isMissingNode() && !inner.isNull()) return inner.asDouble();
        return dbl(c, "rope_theta", fallback);
    }

    private static int req(JsonNode c, String key) {
        if (!c.hasNonNull(key)) {
            throw new IllegalArgumentException("config.json lacks '" + key + "', which a "
                    + c.path("model_type").asText() + " model needs.");
        }
        return c.get(key).asInt();
    }

    private static double dbl(JsonNode c, String key, double fallback) {
        return c.hasNonNull(key) ? c.get(key).asDouble() : fallback;
    }

    private static String str(JsonNode c, String key, String fallback) {
        return c.hasNonNull(key) ? c.get(key).asText() : fallback;
    }

    private static Long id(JsonNode c, String key) {
        JsonNode n = c.get(key);
        if (n == null || n.isNull()) return null;
        if (n.isArray()) return n.size() == 0 ? null : n.get(0).asLong();
        return n.asLong();
    }

    public boolean learnedPositions() {
        return architecture == Architecture.GPT2 || architecture == Architecture.OPT;
    }
}

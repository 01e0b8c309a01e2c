package org.interp4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A llama-architecture GGUF file seen as the Hugging Face checkpoint it was converted from: tensors
 * under HF Llama names, in float32 and HF orientation, and an HF-style {@code config.json}. This is
 * what transformers gives when loading with {@code gguf_file=}: in particular llama.cpp's converter
 * reorders the rows of q_proj and k_proj (it interleaves the two rotary halves of every head), and
 * that reordering is undone here exactly as transformers undoes it.
 */
public final class GgufCheckpoint {
    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.(.+)");
    private static final Map<String, String> GLOBAL = Map.of(
            "token_embd.weight", "model.embed_tokens.weight",
            "output_norm.weight", "model.norm.weight",
            "output.weight", "lm_head.weight");
    private static final Map<String, String> PER_LAYER = Map.ofEntries(
            Map.entry("attn_norm.weight", "input_layernorm.weight"),
            Map.entry("ffn_norm.weight", "post_attention_layernorm.weight"),
            Map.entry("attn_q.weight", "self_attn.q_proj.weight"),
            Map.entry("attn_k.weight", "self_attn.k_proj.weight"),
            Map.entry("attn_v.weight", "self_attn.v_proj.weight"),
            Map.entry("attn_output.weight", "self_attn.o_proj.weight"),
            Map.entry("attn_q.bias", "self_attn.q_proj.bias"),
            Map.entry("attn_k.bias", "self_attn.k_proj.bias"),
            Map.entry("attn_v.bias", "self_attn.v_proj.bias"),
            Map.entry("attn_output.bias", "self_attn.o_proj.bias"),
            Map.entry("ffn_gate.weight", "mlp.gate_proj.weight"),
            Map.entry("ffn_up.weight", "mlp.up_proj.weight"),
            Map.entry("ffn_down.weight", "mlp.down_proj.weight"));

    private final Gguf gguf;
    private final Map<String, String> hfToGguf = new LinkedHashMap<>();
    private final List<String> unmapped = new ArrayList<>();
    private final int heads;
    private final int kvHeads;

    private GgufCheckpoint(Gguf gguf) {
        this.gguf = gguf;
        String arch = gguf.has("general.architecture") ? gguf.architecture() : null;
        if (!"llama".equals(arch)) {
            throw new IllegalArgumentException(gguf.path() + " is a '" + arch + "' model; only llama-architecture"
                    + " GGUF files (Llama, SmolLM2, Mistral-style) can be loaded as an HF checkpoint.");
        }
        heads = gguf.getInt("llama.attention.head_count");
        kvHeads = gguf.has("llama.attention.head_count_kv") ? gguf.getInt("llama.attention.head_count_kv") : heads;
        for (String name : gguf.tensorNames()) {
            String hf = hfName(name);
            if (hf == null) unmapped.add(name);
            else hfToGguf.put(hf, name);
        }
    }

    /** The checkpoint view of an open GGUF file; it must stay open while tensors are read. */
    public static GgufCheckpoint of(Gguf gguf) {
        return new GgufCheckpoint(gguf);
    }

    /** The HF Llama name of a GGUF tensor name, or null when HF's Llama has no such parameter. */
    public static String hfName(String ggufName) {
        String global = GLOBAL.get(ggufName);
        if (global != null) return global;
        Matcher m = BLOCK.matcher(ggufName);
        if (!m.matches()) return null;
        String rest = PER_LAYER.get(m.group(2));
        return rest == null ? null : "model.layers." + m.group(1) + "." + rest;
    }

    /** HF names available, in file order. */
    public List<String> names() {
        return List.copyOf(hfToGguf.keySet());
    }

    /** The GGUF tensor behind an HF name. */
    public String ggufName(String hfName) {
        String g = hfToGguf.get(hfName);
        if (g == null) throw new IllegalArgumentException(gguf.path() + " has no tensor for '" + hfName + "'");
        return g;
    }

    /** GGUF tensors with no HF Llama counterpart (e.g. llama 3's rope_freqs), which are not loaded. */
    public List<String> unmappedTensors() {
        return Collections.unmodifiableList(unmapped);
    }

    /** The row-major HF shape of a tensor. */
    public long[] shape(String hfName) {
        return gguf.tensorInfo(ggufName(hfName)).shape();
    }

    /** One tensor, float32, HF orientation, q/k rows in HF order. */
    public NDArray read(String hfName, NDManager manager) throws IOException {
        String name = ggufName(hfName);
        GgufTensorInfo info = gguf.tensorInfo(name);
        float[] values = gguf.readFloats(name);
        long[] shape = info.shape();
        if (name.contains(".attn_q.")) values = unpermuteRows(values, shape[0], heads);
        else if (name.contains(".attn_k.")) values = unpermuteRows(values, shape[0], kvHeads);
        return manager.create(values, new Shape(shape));
    }

    /** Every tensor under its HF name; {@code lm_head.weight} only when the file has {@code output.weight}. */
    public Map<String, NDArray> stateDict(NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String hf : hfToGguf.keySet()) out.put(hf, read(hf, manager));
        return out;
    }

    /**
     * Undoes llama.cpp's q/k permutation. The converter views the rows of each head as
     * [2, dim] (the two rotary halves) and stores them as [dim, 2], interleaving the halves;
     * transformers reads row {@code h*2*dim + i*2 + j} of the file back into row
     * {@code h*2*dim + j*dim + i}. Works for weights (rows of {@code values.length/rows}) and biases.
     */
    static float[] unpermuteRows(float[] values, long rows, int nHead) {
        int r = (int) rows;
        int width = values.length / r;
        int dim = r / nHead / 2;
        if (dim * 2 * nHead != r) {
            throw new IllegalStateException(r + " rows cannot be split into " + nHead + " heads of two rotary halves");
        }
        float[] out = new float[values.length];
        for (int h = 0; h < nHead; h++) {
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < 2; j++) {
                    int from = h * 2 * dim + i * 2 + j;
                    int to = h * 2 * dim + j * dim + i;
                    System.arraycopy(values, from * width, out, to * width, width);
                }
            }
        }
        return out;
    }

    /**
     * The HF {@code config.json} the file implies, with the keys transformers derives from GGUF
     * metadata. {@code rope_theta} appears both flat (transformers 4 style) and inside
     * {@code rope_parameters} (transformers 5 style).
     */
    public ObjectNode config() {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("model_type", "llama");
        c.putArray("architectures").add("LlamaForCausalLM");
        int hidden = gguf.getInt("llama.embedding_length");
        c.put("hidden_size", hidden);
        c.put("intermediate_size", gguf.getInt("llama.feed_forward_length"));
        c.put("num_hidden_layers", gguf.getInt("llama.block_count"));
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("head_dim", gguf.has("llama.rope.dimension_count")
                ? gguf.getInt("llama.rope.dimension_count") : hidden / heads);
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", gguf.has("llama.context_length") ? gguf.getInt("llama.context_length") : 2048);
        // GGUF stores epsilon and theta as float32; widen exactly like transformers does
        c.put("rms_norm_eps", gguf.has("llama.attention.layer_norm_rms_epsilon")
                ? gguf.getDouble("llama.attention.layer_norm_rms_epsilon") : 1e-6);
        double theta = gguf.has("llama.rope.freq_base") ? gguf.getDouble("llama.rope.freq_base") : 10000.0;
        c.put("rope_theta", theta);
        ObjectNode rope = c.putObject("rope_parameters");
        rope.put("rope_theta", theta);
        rope.put("rope_type", "default");
        int vocab = gguf.has("llama.vocab_size") ? gguf.getInt("llama.vocab_size")
                : gguf.has("tokenizer.ggml.tokens") ? gguf.getList("tokenizer.ggml.tokens").size()
                : (int) gguf.tensorInfo("token_embd.weight").shape()[0];
        c.put("vocab_size", vocab);
        c.put("tie_word_embeddings", !gguf.hasTensor("output.weight"));
        c.put("attention_bias", gguf.hasTensor("blk.0.attn_q.bias"));
        c.put("mlp_bias", false);
        putId(c, "bos_token_id", "tokenizer.ggml.bos_token_id");
        putId(c, "eos_token_id", "tokenizer.ggml.eos_token_id");
        putId(c, "pad_token_id", "tokenizer.ggml.padding_token_id");
        putId(c, "unk_token_id", "tokenizer.ggml.unknown_token_id");
        c.put("torch_dtype", "float32");
        if (gguf.has("general.name")) c.put("_model_name_or_path", gguf.getString("general.name"));
        return c;
    }

    private void putId(ObjectNode c, String hfKey, String ggufKey) {
        if (gguf.has(ggufKey)) c.put(hfKey, gguf.getInt(ggufKey));
        else c.putNull(hfKey);
    }
}

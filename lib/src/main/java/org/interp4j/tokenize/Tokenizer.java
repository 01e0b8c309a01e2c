package org.interp4j.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.interp4j.io.Gguf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The kit's tokenizer: a Hugging Face {@code tokenizer.json} run by DJL's binding of the HF
 * tokenizers library, so ids are the ones transformers gives. Load one from a {@code tokenizer.json}
 * or build it from a GGUF file's metadata. Truncation and padding are off: an encoding is exactly
 * the tokens of its text. {@code encode(text)} adds special tokens the way the model's tokenizer
 * does by default (SmolLM2: none; Llama 2: BOS); {@code encode(text, false)} never adds any.
 */
public final class Tokenizer implements AutoCloseable {
    static {
        // DJL sends a usage ping unless this is set; the kit never touches the network at run time.
        if (System.getProperty("offline") == null) System.setProperty("offline", "true");
    }

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "true",
            "truncation", "false",
            "padding", "false",
            "modelMaxLength", String.valueOf(Integer.MAX_VALUE));

    private final HuggingFaceTokenizer hf;
    private final String[] idToToken;
    private final Map<String, Long> tokenToId;
    private Long bos;
    private Long eos;

    private Tokenizer(HuggingFaceTokenizer hf, JsonNode json, Long bos, Long eos) {
        this.hf = hf;
        this.tokenToId = new HashMap<>();
        int size = 0;
        JsonNode vocab = json.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                tokenToId.put(e.getKey(), e.getValue().asLong());
                size = Math.max(size, e.getValue().asInt() + 1);
            }
        } else if (vocab.isArray()) { // Unigram: [[piece, score], ...], the id is the position
            for (int i = 0; i < vocab.size(); i++) tokenToId.put(vocab.get(i).get(0).asText(), (long) i);
            size = vocab.size();
        }
        for (JsonNode t : json.path("added_tokens")) {
            tokenToId.put(t.get("content").asText(), t.get("id").asLong());
            size = Math.max(size, t.get("id").asInt() + 1);
        }
        this.idToToken = new String[size];
        for (Map.Entry<String, Long> e : tokenToId.entrySet()) idToToken[e.getValue().intValue()] = e.getKey();
        this.bos = bos;
        this.eos = eos;
    }

    /**
     * Loads a {@code tokenizer.json} (or a directory holding one). BOS/EOS ids come from a
     * {@code tokenizer_config.json} or {@code special_tokens_map.json} next to it, when there is one.
     */
    public static Tokenizer fromFile(Path tokenizerJson) throws IOException {
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such tokenizer file. Point at the model's tokenizer.json.", e);
        }
        JsonNode json = parse(text, file.toString());
        Tokenizer t = load(text, json, null, null, file.toString());
        for (String name : List.of("tokenizer_config.json", "special_tokens_map.json")) {
            Path side = file.resolveSibling(name);
            if (!Files.isRegularFile(side)) continue;
            JsonNode cfg = new ObjectMapper().readTree(side.toFile());
            if (t.bos == null) t.bos = t.specialId(cfg.get("bos_token"));
            if (t.eos == null) t.eos = t.specialId(cfg.get("eos_token"));
        }
        return t;
    }

    /** Builds the tokenizer a GGUF file describes (see {@link GgufTokenizerJson}). */
    public static Tokenizer fromGguf(Gguf gguf) throws IOException {
        JsonNode json = GgufTokenizerJson.buildTree(gguf);
        String text = new ObjectMapper().writeValueAsString(json);
        Long bos = gguf.has("tokenizer.ggml.bos_token_id") ? gguf.getLong("tokenizer.ggml.bos_token_id") : null;
        Long eos = gguf.has("tokenizer.ggml.eos_token_id") ? gguf.getLong("tokenizer.ggml.eos_token_id") : null;
        return load(text, json, bos, eos, gguf.path().toString());
    }

    private static JsonNode parse(String text, String source) throws IOException {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not a valid tokenizer.json (" + e.getOriginalMessage() + ").", e);
        }
    }

    private static Tokenizer load(String text, JsonNode json, Long bos, Long eos, String source) throws IOException {
        try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            return new Tokenizer(HuggingFaceTokenizer.newInstance(in, OPTIONS), json, bos, eos);
        } catch (RuntimeException e) {
            throw new IOException(source + ": the tokenizers library rejected this tokenizer: " + e.getMessage(), e);
        }
    }

    private Long specialId(JsonNode token) {
        if (token == null || token.isNull()) return null;
        String content = token.isObject() ? token.path("content").asText(null) : token.asText(null);
        return content == null ? null : tokenToId.get(content);
    }

    /** Ids of {@code text}, with the special tokens the model's tokenizer adds by default. */
    public long[] encode(String text) {
        return encode(text, true);
    }

    /** Ids of {@code text}; {@code addSpecialTokens=false} adds no BOS/EOS whatever the model's default. */
    public long[] encode(String text, boolean addSpecialTokens) {
        return hf.encode(text, addSpecialTokens, false).getIds();
    }

    /** {@link #encode(String)} of each text; rows have their own lengths (no padding). */
    public long[][] encodeBatch(List<String> texts) {
        Encoding[] encodings = hf.batchEncode(texts, true, false);
        long[][] out = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) out[i] = encodings[i].getIds();
        return out;
    }

    /** The raw tokens of {@code text} without special tokens, like HF's {@code tokenize} (e.g. {@code Ġnot}). */
    public String[] tokens(String text) {
        return hf.encode(text, false, false).getTokens();
    }

    /** Text of the ids, special tokens included, like HF's {@code decode} with default options. */
    public String decode(long[] ids) {
        return hf.decode(ids, false);
    }

    /** Text of the ids; with {@code skipSpecialTokens} the special tokens are left out. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return hf.decode(ids, skipSpecialTokens);
    }

    /** The raw vocabulary entry of an id, e.g. {@code Ġnot} (byte-level) or {@code ▁not} (sentencepiece). */
    public String tokenToString(long id) {
        if (id < 0 || id >= idToToken.length || idToToken[(int) id] == null) { // null: a duplicate took its text
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + vocabSize() + ")");
        }
        return idToToken[(int) id];
    }

    /** The id of a raw vocabulary entry, or null when there is none. */
    public Long tokenId(String token) {
        return tokenToId.get(token);
    }

    /**
     * Whether the token begins with a space: {@code Ġ} in byte-level vocabularies, {@code ▁} in
     * sentencepiece ones, or a literal space in added tokens.
     */
    public boolean startsWithSpace(long id) {
        String t = tokenToString(id);
        return !t.isEmpty() && (t.charAt(0) == 'Ġ' || t.charAt(0) == '▁' || t.charAt(0) == ' ');
    }

    /** Number of ids, added tokens included (HF's {@code len(tokenizer)}). */
    public int vocabSize() {
        return idToToken.length;
    }

    public Long bosId() {
        return bos;
    }

    public Long eosId() {
        return eos;
    }

    @Override
    public void close() {
        hf.close();
    }
}

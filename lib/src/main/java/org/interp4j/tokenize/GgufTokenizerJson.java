package org.interp4j.tokenize;

import static org.interp4j.tokenize.TokenizerJsonNodes.bpe;
import static org.interp4j.tokenize.TokenizerJsonNodes.byteLevelNode;
import static org.interp4j.tokenize.TokenizerJsonNodes.header;
import static org.interp4j.tokenize.TokenizerJsonNodes.merges;
import static org.interp4j.tokenize.TokenizerJsonNodes.template;
import static org.interp4j.tokenize.TokenizerJsonNodes.tokenAt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.interp4j.io.Gguf;

/**
 * Builds the Hugging Face {@code tokenizer.json} a GGUF file's tokenizer metadata describes, the
 * way transformers does when it loads a tokenizer with {@code gguf_file=}:
 * <ul>
 *   <li>{@code tokenizer.ggml.model = gpt2}: byte-level BPE (GPT-2, SmolLM, Llama 3, Qwen...).
 *       Tokens are used as spelled when they are in the byte alphabet, else re-spelled from their
 *       UTF-8 bytes; the merges come from {@code tokenizer.ggml.merges}. The pre-tokenizer is
 *       GPT-2's byte-level split unless {@code tokenizer.ggml.pre} names a family with its own
 *       split regex (llama3 and qwen2 families).</li>
 *   <li>{@code tokenizer.ggml.model = llama}: sentencepiece-style BPE with byte fallback and a
 *       {@code ▁} prefix on the first word; merges from the file or, when absent, recovered from the
 *       vocabulary and its scores.</li>
 * </ul>
 * Control tokens (token type 3) become special added tokens and user-defined ones (type 4) plain
 * added tokens, so both are matched whole in text. BOS/EOS are added when
 * {@code tokenizer.ggml.add_bos_token}/{@code add_eos_token} say so (default: BOS for llama, none for gpt2).
 */
public final class GgufTokenizerJson {
    private GgufTokenizerJson() {}

    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;

    private static final String LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** {@code tokenizer.ggml.pre} values whose split differs from GPT-2's; any other uses GPT-2's. */
    private static final Map<String, String> SPLITS = new HashMap<>();

    static {
        for (String pre : List.of("llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral",
                "midm-2.0", "lfm2", "dbrx", "smaug-bpe")) SPLITS.put(pre, LLAMA3_SPLIT);
        for (String pre : List.of("qwen2", "deepseek-r1-qwen", "megrez")) SPLITS.put(pre, QWEN2_SPLIT);
    }

    /** The tokenizer.json text for this file. */
    public static String build(Gguf gguf) throws IOException {
        return new ObjectMapper().writeValueAsString(buildTree(gguf));
    }

    /** The tokenizer.json as a JSON tree. */
    public static ObjectNode buildTree(Gguf gguf) throws IOException {
        if (!gguf.has("tokenizer.ggml.tokens")) {
            throw new IOException(gguf.path() + " has no tokenizer (no tokenizer.ggml.tokens metadata);"
                    + " load the model's tokenizer.json with Tokenizer.fromFile instead.");
        }
        String model = gguf.has("tokenizer.ggml.model") ? gguf.getString("tokenizer.ggml.model") : "?";
        String arch = gguf.has("general.architecture") ? gguf.getString("general.architecture") : "?";
        // Both kinds start from the same header and token list; what follows differs.
        List<String> tokens = strings(gguf, "tokenizer.ggml.tokens");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = header(json);
        return switch (model) {
            case "gpt2" -> byteLevel(gguf, tokens, json, root);
            case "llama" -> {
                if (Set.of("gemma", "gemma2", "gemma3", "phi3").contains(arch)) throw unsupported(gguf, model + " (" + arch + ")");
                yield sentencePiece(gguf, tokens, json, root);
            }
            default -> throw unsupported(gguf, model);
        };
    }

    private static IOException unsupported(Gguf gguf, String model) {
        return new IOException(gguf.path() + ": building a tokenizer from GGUF tokenizer model '" + model
                + "' is not supported (supported: gpt2, llama). Load the model's tokenizer.json with Tokenizer.fromFile instead.");
    }

    private static List<String> strings(Gguf gguf, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : gguf.getList(key)) out.add((String) o);
        return out;
    }

    private static int[] tokenTypes(Gguf gguf, int n) {
        int[] types = new int[n];
        if (gguf.has("tokenizer.ggml.token_type")) {
            List<Object> list = gguf.getList("tokenizer.ggml.token_type");
            for (int i = 0; i < n && i < list.size(); i++) types[i] = ((Number) list.get(i)).intValue();
        }
        return types;
    }

    private static ObjectNode byteLevel(Gguf gguf, List<String> tokens, ObjectMapper json, ObjectNode root) {
        ObjectNode vocab = json.createObjectNode();
        Set<String> vocabKeys = new HashSet<>();
        for (int id = 0; id < tokens.size(); id++) {
            String t = tokens.get(id);
            String spelled = ByteLevel.isSpelled(t) ? t : ByteLevel.spell(t);
            vocab.put(spelled, id);
            vocabKeys.add(spelled);
        }
        // Tokens llama.cpp marks as control but spells outside the byte alphabet are mislabelled
        // real tokens; transformers leaves them out of the added tokens, and so do we.
        addedTokens(root, gguf, tokens, vocabKeys, ByteLevel::isSpelled);

        root.putNull("normalizer");
        String pre = gguf.has("tokenizer.ggml.pre") ? gguf.getString("tokenizer.ggml.pre") : "";
        String split = SPLITS.get(pre);
        if (split == null) {
            root.set("pre_tokenizer", byteLevelNode(json, false, true));
        } else {
            ObjectNode seq = root.putObject("pre_tokenizer");
            seq.put("type", "Sequence");
            ArrayNode list = seq.putArray("pretokenizers");
            ObjectNode s = list.addObject();
            s.put("type", "Split");
            s.putObject("pattern").put("Regex", split);
            s.put("behavior", "Isolated");
            s.put("invert", false);
            list.add(byteLevelNode(json, false, false));
        }
        root.set("post_processor", template(json, gguf, tokens, false));
        root.set("decoder", byteLevelNode(json, true, true));

        ObjectNode bpe = bpe(json, null, false, false);
        bpe.set("vocab", vocab);
        bpe.set("merges", merges(json, strings(gguf, "tokenizer.ggml.merges")));
        root.set("model", bpe);
        return root;
    }

    private static ObjectNode sentencePiece(Gguf gguf, List<String> tokens, ObjectMapper json, ObjectNode root) {
        ObjectNode vocab = json.createObjectNode();
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
            ids.put(tokens.get(id), id); // a repeated token keeps its last id, as in transformers
        }
        addedTokens(root, gguf, tokens, ids.keySet(), t -> true);
        root.putNull("normalizer");
        ObjectNode meta = root.putObject("pre_tokenizer");
        meta.put("type", "Metaspace");
        meta.put("replacement", "▁");
        meta.put("prepend_scheme", "first");
        meta.put("split", false);
        root.set("post_processor", template(json, gguf, tokens, true));
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "Sequence");
        ArrayNode steps = dec.putArray("decoders");
        ObjectNode replace = steps.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("String", "▁");
        replace.put("content", " ");
        steps.addObject().put("type", "ByteFallback");
        steps.addObject().put("type", "Fuse");
        ObjectNode strip = steps.addObject();
        strip.put("type", "Strip");
        strip.put("content", " ");
        strip.put("start", 1);
        strip.put("stop", 0);

        String unk = tokenAt(gguf, tokens, "tokenizer.ggml.unknown_token_id");
        ObjectNode bpe = bpe(json, unk, true, true);
        bpe.set("vocab", vocab);
        List<String> merges = gguf.has("tokenizer.ggml.merges")
                ? strings(gguf, "tokenizer.ggml.merges") : recoverMerges(gguf, tokens, ids);
        bpe.set("merges", merges(json, merges));
        root.set("model", bpe);
        return root;
    }

    /**
     * Merges implied by a vocabulary that lists none (sentencepiece files): every split of a token
     * into two tokens is a merge, ranked by the merged token's score (best first), then by the
     * lengths of the two parts; ties keep vocabulary order. This is transformers' generate_merges.
     */
    static List<String> recoverMerges(Gguf gguf, List<String> tokens, Map<String, Integer> ids) {
        List<Object> scoreList = gguf.has("tokenizer.ggml.scores") ? gguf.getList("tokenizer.ggml.scores") : null;
        record Merge(String left, String right, double score, int leftId, int rightId) {}
        List<Merge> all = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            // later duplicates overwrite the score but keep the first position, as a Python dict does
            scores.put(tokens.get(i), scoreList == null ? (double) ids.get(tokens.get(i)) : ((Number) scoreList.get(i)).doubleValue());
        }
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            String token = e.getKey();
            List<Merge> local = new ArrayList<>();
            for (int cut = 1; cut < token.length(); cut++) {
                String l = token.substring(0, cut), r = token.substring(cut);
                Integer li = ids.get(l), ri = ids.get(r);
                if (li != null && ri != null) local.add(new Merge(l, r, e.getValue(), li, ri));
            }
            local.sort(Comparator.comparingInt(Merge::leftId).thenComparingInt(Merge::rightId));
            all.addAll(local);
        }
        Comparator<Merge> key = Comparator.comparingDouble(Merge::score)
                .thenComparingInt(m -> m.left().length()).thenComparingInt(m -> m.right().length());
        all.sort(scoreList == null ? key : key.reversed());
        List<String> out = new ArrayList<>(all.size());
        for (Merge m : all) out.add(m.left() + " " + m.right());
        return out;
    }

    private static void addedTokens(ObjectNode root, Gguf gguf, List<String> tokens, Set<String> vocab,
                                    Predicate<String> controlAllowed) {
        int[] types = tokenTypes(gguf, tokens.size());
        TreeMap<Integer, Boolean> added = new TreeMap<>(); // id -> special
        for (int id = 0; id < tokens.size(); id++) {
            if (types[id] == CONTROL && controlAllowed.test(tokens.get(id))) added.put(id, true);
            else if (types[id] == USER_DEFINED && vocab.contains(tokens.get(id))) added.put(id, false);
        }
        // the declared special tokens are special whatever their type says
        for (String key : List.of("bos", "eos", "unknown", "padding")) {
            String k = "tokenizer.ggml." + key + "_token_id";
            if (gguf.has(k)) {
                int id = gguf.getInt(k);
                if (id >= 0 && id < tokens.size() && controlAllowed.test(tokens.get(id))) added.put(id, true);
            }
        }
        ArrayNode list = root.putArray("added_tokens");
        for (Map.Entry<Integer, Boolean> e : added.entrySet()) {
            ObjectNode t = list.addObject();
            t.put("id", e.getKey());
            t.put("content", tokens.get(e.getKey()));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", e.getValue());
        }
    }
}

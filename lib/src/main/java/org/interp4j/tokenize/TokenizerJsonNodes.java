package org.interp4j.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.interp4j.io.Gguf;

/**
 * The pieces of a Hugging Face {@code tokenizer.json} that {@link GgufTokenizerJson} fills in: the
 * header, the byte-level pre-tokenizer and decoder, the BPE model, its merges and the BOS/EOS
 * post-processor, each spelled as transformers writes it.
 */
final class TokenizerJsonNodes {

    private TokenizerJsonNodes() {
    }

    static ObjectNode header(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        return root;
    }

    static ObjectNode byteLevelNode(ObjectMapper json, boolean addPrefixSpace, boolean useRegex) {
        ObjectNode n = json.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", true);
        n.put("use_regex", useRegex);
        return n;
    }

    static String tokenAt(Gguf gguf, List<String> tokens, String key) {
        if (!gguf.has(key)) return null;
        int id = gguf.getInt(key);
        return id >= 0 && id < tokens.size() ? tokens.get(id) : null;
    }

    /** BOS/EOS around each sequence as the file asks, like transformers' post-processor. */
    static ObjectNode template(ObjectMapper json, Gguf gguf, List<String> tokens, boolean bosByDefault) {
        boolean addBos = gguf.has("tokenizer.ggml.add_bos_token") ? gguf.getBoolean("tokenizer.ggml.add_bos_token") : bosByDefault;
        boolean addEos = gguf.has("tokenizer.ggml.add_eos_token") && gguf.getBoolean("tokenizer.ggml.add_eos_token");
        String bos = addBos ? tokenAt(gguf, tokens, "tokenizer.ggml.bos_token_id") : null;
        String eos = addEos ? tokenAt(gguf, tokens, "tokenizer.ggml.eos_token_id") : null;
        ObjectNode t = json.createObjectNode();
        t.put("type", "TemplateProcessing");
        ArrayNode single = t.putArray("single");
        ArrayNode pair = t.putArray("pair");
        for (int seq = 0; seq < 2; seq++) {
            for (ArrayNode target : seq == 0 ? List.of(single, pair) : List.of(pair)) {
                if (bos != null) special(target, bos, seq);
                target.addObject().putObject("Sequence").put("id", seq == 0 ? "A" : "B").put("type_id", seq);
                if (eos != null) special(target, eos, seq);
            }
        }
        ObjectNode specials = t.putObject("special_tokens");
        for (String key : new String[] {"tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id"}) {
            String tok = key.contains("bos") ? bos : eos;
            if (tok == null) continue;
            ObjectNode s = specials.putObject(tok);
            s.put("id", tok);
            s.putArray("ids").add(gguf.getInt(key));
            s.putArray("tokens").add(tok);
        }
        return t;
    }

    private static void special(ArrayNode target, String token, int typeId) {
        target.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    static ObjectNode bpe(ObjectMapper json, String unk, boolean fuseUnk, boolean byteFallback) {
        ObjectNode m = json.createObjectNode();
        m.put("type", "BPE");
        m.putNull("dropout");
        if (unk == null) m.putNull("unk_token");
        else m.put("unk_token", unk);
        m.put("continuing_subword_prefix", "");
        m.put("end_of_word_suffix", "");
        m.put("fuse_unk", fuseUnk);
        m.put("byte_fallback", byteFallback);
        m.put("ignore_merges", false);
        return m;
    }

    /** Merges as [left, right] pairs, which stay unambiguous even when a token contains a space. */
    static ArrayNode merges(ObjectMapper json, List<String> merges) {
        ArrayNode out = json.createArrayNode();
        for (String m : merges) {
            int space = m.indexOf(' ');
            ArrayNode pair = out.addArray();
            pair.add(m.substring(0, space));
            pair.add(m.substring(space + 1));
        }
        return out;
    }
}

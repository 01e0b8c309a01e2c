package org.interp4j.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.interp4j.io.Gguf;
import org.interp4j.io.GgufTestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The tokenizer built from the default model's GGUF metadata gives the ids transformers gives
 * (make_tokenizer_goldens.py), on a few hundred varied strings.
 */
class TokenizerSmolLm2Test {
    private static Gguf gguf;
    private static Tokenizer tok;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        gguf = Gguf.open(GgufTestFiles.smolLm2());
        long t0 = System.nanoTime();
        tok = Tokenizer.fromGguf(gguf);
        System.out.printf("tokenizer built from GGUF in %.2f s%n", (System.nanoTime() - t0) / 1e9);
        golden = new ObjectMapper().readTree(GgufTestFiles.fixture("tokenizer/smollm2_tokenizer_goldens.json").toFile());
    }

    @AfterAll
    static void close() throws IOException {
        tok.close();
        gguf.close();
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
        return out;
    }

    @Test
    void idsMatchTransformersOnEveryGoldenString() {
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        for (JsonNode r : golden.get("strings")) {
            String text = r.get("text").asText();
            n++;
            if (!java.util.Arrays.equals(longs(r.get("ids_default")), tok.encode(text))) mismatches.add("default " + text);
            if (!java.util.Arrays.equals(longs(r.get("ids_plain")), tok.encode(text, false))) mismatches.add("plain " + text);
        }
        System.out.printf("tokenizer: %d/%d golden strings match transformers%n", n - mismatches.size() / 2, n);
        assertTrue(n > 300);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void tokensAndDecodeMatchTransformers() {
        for (JsonNode r : golden.get("strings")) {
            String text = r.get("text").asText();
            List<String> want = new ArrayList<>();
            r.get("tokens").forEach(t -> want.add(t.asText()));
            assertEquals(want, List.of(tok.tokens(text)), text);
            long[] ids = longs(r.get("ids_default"));
            assertEquals(r.get("decoded").asText(), tok.decode(ids), text);
            assertEquals(text, tok.decode(tok.encode(text)), "round trip");
        }
    }

    @Test
    void vocabularyAndSpecialIds() {
        assertEquals(golden.get("vocab_size").asInt(), tok.vocabSize());
        assertEquals(golden.get("bos_id").asLong(), tok.bosId());
        assertEquals(golden.get("eos_id").asLong(), tok.eosId());
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("id_tokens").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long id = Long.parseLong(e.getKey());
            assertEquals(e.getValue().asText(), tok.tokenToString(id), "id " + id);
            assertEquals(id, tok.tokenId(e.getValue().asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("space_ids").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asBoolean(), tok.startsWithSpace(Long.parseLong(e.getKey())), "id " + e.getKey());
        }
        assertThrows(IllegalArgumentException.class, () -> tok.tokenToString(tok.vocabSize()));
    }

    @Test
    void chatTokensStayWholeAndNotSplitsWithSpace() {
        assertArrayEquals(new long[] {1}, tok.encode("<|im_start|>"));
        String[] t = tok.tokens("I do not know");
        assertEquals("Ġnot", t[2]);
        assertTrue(tok.startsWithSpace(tok.tokenId("Ġnot")));
        assertFalse(tok.startsWithSpace(tok.tokenId("not")));
    }

    @Test
    void batchEncodingIsUnpadded() {
        List<String> texts = List.of("a", "a longer sentence here", "");
        long[][] ids = tok.encodeBatch(texts);
        for (int i = 0; i < texts.size(); i++) assertArrayEquals(tok.encode(texts.get(i)), ids[i]);
    }

    @Test
    void longTextIsNotTruncated() {
        String text = "word ".repeat(5000).trim();
        assertEquals(5000, tok.encode(text).length);
    }

    @Test
    void structureMatchesTransformers() throws IOException {
        ObjectNode built = GgufTokenizerJson.buildTree(gguf);
        JsonNode want = golden.get("skeleton");
        for (String key : List.of("normalizer", "pre_tokenizer", "decoder", "added_tokens", "truncation", "padding")) {
            assertEquals(want.get(key), built.get(key), key);
        }
        for (String key : List.of("type", "unk_token", "fuse_unk", "byte_fallback", "continuing_subword_prefix")) {
            assertEquals(want.get("model").get(key), built.get("model").get(key), "model." + key);
        }
    }

    @Test
    void fromFileLoadsTheSameTokenizer(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path json = dir.resolve("tokenizer.json");
        Files.writeString(json, GgufTokenizerJson.build(gguf));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": \"<|im_start|>\", \"eos_token\": {\"content\": \"<|im_end|>\"}}");
        try (Tokenizer fromFile = Tokenizer.fromFile(dir)) {
            String text = "Hello world, don't panic! 日本語 <|im_end|>";
            assertArrayEquals(tok.encode(text), fromFile.encode(text));
            assertEquals(1L, fromFile.bosId());
            assertEquals(2L, fromFile.eosId());
            assertEquals(tok.vocabSize(), fromFile.vocabSize());
        }
        IOException e = assertThrows(IOException.class, () -> Tokenizer.fromFile(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("no such tokenizer file"), e.getMessage());
    }
}

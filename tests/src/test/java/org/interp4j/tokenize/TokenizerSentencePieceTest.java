package org.interp4j.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.interp4j.io.Gguf;
import org.interp4j.io.GgufTestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A sentencepiece-style GGUF vocabulary (no merges, scores, byte fallback, BOS added by default)
 * tokenizes like transformers (make_sentencepiece_goldens.py).
 */
class TokenizerSentencePieceTest {

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
        return out;
    }

    @Test
    void matchesTransformers() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(GgufTestFiles.fixture("tokenizer/spm_tiny_goldens.json").toFile());
        try (Gguf gguf = Gguf.open(GgufTestFiles.fixture("tokenizer/spm_tiny.gguf"));
             Tokenizer tok = Tokenizer.fromGguf(gguf)) {
            assertEquals(golden.get("vocab_size").asInt(), tok.vocabSize());
            assertEquals(1L, tok.bosId());
            assertEquals(2L, tok.eosId());
            for (JsonNode r : golden.get("strings")) {
                String text = r.get("text").asText();
                assertArrayEquals(longs(r.get("ids_default")), tok.encode(text), "default: " + text);
                assertArrayEquals(longs(r.get("ids_plain")), tok.encode(text, false), "plain: " + text);
                List<String> tokens = new ArrayList<>();
                r.get("tokens").forEach(t -> tokens.add(t.asText()));
                assertEquals(tokens, List.of(tok.tokens(text)), text);
                assertEquals(r.get("decoded").asText(), tok.decode(longs(r.get("ids_default"))), text);
            }
            assertTrue(tok.startsWithSpace(tok.tokenId("▁the")));
            assertFalse(tok.startsWithSpace(tok.tokenId("er")));
        }
    }

    @Test
    void modelsWithoutATokenizerSaySo() throws IOException {
        try (Gguf gguf = Gguf.open(GgufTestFiles.fixture("gguf/quants.gguf"))) {
            IOException e = assertThrows(IOException.class, () -> Tokenizer.fromGguf(gguf));
            assertTrue(e.getMessage().contains("has no tokenizer") && e.getMessage().contains("fromFile"), e.getMessage());
        }
    }
}

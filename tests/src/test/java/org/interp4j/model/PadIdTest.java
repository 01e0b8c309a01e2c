package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Padded positions are masked, but the id written there must be one the embedding can look up. */
class PadIdTest {

    /** The GPT-2 fixture (vocabulary 1000) with GPT-2's real end-of-text id and no pad id. */
    static LanguageModel withEndOfText50256(Path dir) throws Exception {
        Path src = Fixtures.path("tests/fixtures/models/gpt2");
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(src.resolve("config.json").toFile());
        config.put("eos_token_id", 50256);
        config.putNull("pad_token_id");
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), config);
        Files.copy(src.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        return LanguageModel.fromDirectory(dir, "gpt2-eos50256");
    }

    @Test
    void theConfigsIdsAreUsedOnlyWhenInsideTheVocabulary() {
        ModelConfig c = ModelConfig.fromJson(new ObjectMapper().createObjectNode()
                .put("model_type", "gpt2").put("vocab_size", 512).put("n_embd", 8).put("n_layer", 1).put("n_head", 2)
                .put("n_positions", 16).put("eos_token_id", 50256));
        assertEquals(0, c.padId(), "eos 50256 lies outside a 512-token vocabulary");
        ModelConfig d = ModelConfig.fromJson(new ObjectMapper().createObjectNode()
                .put("model_type", "gpt2").put("vocab_size", 512).put("n_embd", 8).put("n_layer", 1).put("n_head", 2)
                .put("n_positions", 16).put("eos_token_id", 50256).put("pad_token_id", 7));
        assertEquals(7, d.padId());
    }

    @Test
    void rowsOfUnequalLengthRunWhenTheEndOfTextIdIsOutsideTheVocabulary(@TempDir Path dir) throws Exception {
        try (LanguageModel model = withEndOfText50256(dir)) {
            long[] shortRow = {5, 17, 300}, longRow = {7, 8, 9, 10, 11, 12};
            try (ModelOutput both = model.run(longRow, shortRow); ModelOutput alone = model.run(shortRow)) {
                NDArray padded = both.logits().get("1, 0:3, :"), single = alone.logits().get("0, :, :");
                float[] a = padded.toFloatArray(), b = single.toFloatArray();
                for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-5, "logit " + i + " of the padded row");
            }
            long[][] out = model.generate(new long[][] {longRow, shortRow}, GenerateOptions.greedy(3).ignoringEos());
            assertEquals(3, out[1].length);
        }
    }
}

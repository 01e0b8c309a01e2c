package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.interp4j.io.Npy;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit's default model, SmolLM2-135M-Instruct (Q4_1 GGUF), against HF transformers loading the
 * same file (tests/fixtures/make_fixtures.py). It must be installed (environment/setup.sh fetches it).
 */
class SmolLm2Test {
    static LanguageModel model;
    static JsonNode golden;
    static final Path DIR = Fixtures.path("tests/fixtures/expected/smollm2");

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.load("smollm2-135m");
        golden = Fixtures.json("tests/fixtures/expected/smollm2/prompts.json");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void logitsMatchTransformersWithinOneThousandth() throws IOException {
        JsonNode prompts = golden.get("prompts");
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode p = prompts.get(i);
            long[] ids = model.tokenize(p.get("text").asText());
            assertArrayEquals(Fixtures.longMatrix(wrap(p.get("ids")))[0], ids, "token ids of prompt " + i);
            try (ModelOutput out = model.run(ids)) {
                float[] last = Npy.read(DIR.resolve("prompt" + i + "_last_logits.npy")).toFloats();
                assertMaxAbs(last, out.logitsAt(0, ids.length - 1), "last-position logits of prompt " + i);
                Npy.Array first = Npy.read(DIR.resolve("prompt" + i + "_logits_first256.npy"));
                NDArray slice = out.logits().get("0, :, :256");
                assertMaxAbs(first.toFloats(), slice.toFloatArray(), "first 256 logits of prompt " + i);
            }
        }
    }

    @Test
    void greedyGenerationNamesParis() {
        JsonNode g = golden.get("greedy");
        long[] fresh = model.generate(new long[][] {model.tokenize(g.get("prompt").asText())},
                GenerateOptions.greedy(g.get("new_ids").size()).ignoringEos())[0];
        String text = model.decode(fresh);
        assertTrue(text.contains("Paris"), text);
        assertArrayEquals(Fixtures.longMatrix(wrap(g.get("new_ids")))[0], fresh);
        assertEquals(g.get("new_text").asText(), text);
    }

    private static JsonNode wrap(JsonNode row) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(row);
    }

    static void assertMaxAbs(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        assertTrue(worst <= 1e-3, what + " differ from transformers by " + worst);
    }
}

package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.interp4j.io.Npy;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every architecture against HF transformers on small random checkpoints
 * (tests/fixtures/make_fixtures.py): logits, the final hidden state, padded batches and every
 * hook point must agree to 1e-4.
 */
class ParityTest {
    static final double TOL = 1e-4;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("gpt2", "gpt2"), Arguments.of("gpt2-noprefix", "gpt2"),
                Arguments.of("gpt-neox", "gpt-neox"), Arguments.of("opt", "opt"),
                Arguments.of("llama", "llama"), Arguments.of("llama-sharded", "llama"),
                Arguments.of("llama-config4", "llama"));
    }

    static LanguageModel load(String name) throws IOException {
        return LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + name), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsAndHiddenMatchTransformers(String model, String expected) throws IOException {
        Path dir = Fixtures.path("tests/fixtures/expected/" + expected);
        JsonNode inputs = Fixtures.json("tests/fixtures/expected/" + expected + "/inputs.json");
        try (LanguageModel m = load(model); ModelOutput out = m.run(Fixtures.longMatrix(inputs.get("ids")))) {
            assertClose(Npy.read(dir.resolve("logits.npy")), out.logits(), "logits");
            assertClose(Npy.read(dir.resolve("last_hidden.npy")), out.lastHidden(), "last hidden");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void paddedBatchMatchesTransformersOnRealTokens(String model, String expected) throws IOException {
        Path dir = Fixtures.path("tests/fixtures/expected/" + expected);
        JsonNode inputs = Fixtures.json("tests/fixtures/expected/" + expected + "/inputs.json");
        long[][] ids = Fixtures.longMatrix(inputs.get("padded_ids"));
        long[][] mask = Fixtures.longMatrix(inputs.get("padded_mask"));
        long[][] rows = new long[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            int n = 0;
            for (long v : mask[i]) n += (int) v;
            rows[i] = java.util.Arrays.copyOf(ids[i], n); // right padding: real tokens come first
        }
        Npy.Array want = Npy.read(dir.resolve("padded_logits.npy"));
        float[] expect = want.toFloats();
        try (LanguageModel m = load(model); ModelOutput out = m.run(rows)) {
            float[] got = out.logits().toFloatArray();
            int len = ids[0].length, vocab = want.dim(2);
            double worst = 0;
            for (int i = 0; i < ids.length; i++) {
                for (int t = 0; t < rows[i].length; t++) {
                    for (int v = 0; v < vocab; v++) {
                        int k = (i * len + t) * vocab + v;
                        worst = Math.max(worst, Math.abs(expect[k] - got[k]));
                    }
                }
            }
            assertTrue(worst <= TOL, "padded logits differ from transformers by " + worst);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyHookMatchesTheTransformersIntermediate(String model, String expected) throws IOException {
        Path hooks = Fixtures.path("tests/fixtures/expected/" + expected + "/hooks");
        JsonNode inputs = Fixtures.json("tests/fixtures/expected/" + expected + "/inputs.json");
        List<Path> files;
        try (Stream<Path> s = Files.list(hooks)) {
            files = s.sorted().toList();
        }
        try (LanguageModel m = load(model); ModelOutput out = m.runWithCache(Fixtures.longMatrix(inputs.get("ids")))) {
            int checked = 0;
            for (Path f : files) {
                String name = f.getFileName().toString().replace(".npy", "");
                assertTrue(m.hookPoints().contains(name), "no hook point " + name);
                assertClose(Npy.read(f), out.cache().get(name), name);
                checked++;
            }
            // The only points HF has no module for: the pre-softmax scores, checked via the pattern.
            long uncovered = m.hookPoints().stream().filter(n -> !Files.exists(hooks.resolve(n + ".npy"))).count();
            assertEquals((long) m.config().nLayers(), uncovered, "hook points without an HF reference");
            assertTrue(checked > 20);
            for (int l = 0; l < m.config().nLayers(); l++) {
                NDArray scores = out.cache().get("blocks." + l + ".attn.hook_attn_scores");
                NDArray pattern = out.cache().get("blocks." + l + ".attn.hook_pattern");
                assertClose(Npy.read(hooks.resolve("blocks." + l + ".attn.hook_pattern.npy")), scores.softmax(-1), "softmax(scores)");
                assertArrayEquals(pattern.getShape().getShape(), scores.getShape().getShape());
            }
        }
    }

    static void assertClose(Npy.Array expected, NDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + " shape");
        float[] e = expected.toFloats();
        float[] a = actual.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(e[i] - a[i]));
        assertTrue(worst <= TOL, what + " differs from transformers by " + worst + " (max abs)");
    }
}

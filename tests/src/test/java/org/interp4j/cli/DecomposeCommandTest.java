package org.interp4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decompose and deltalp commands on the tiny OPT checkpoint (given a small word-level tokenizer). */
class DecomposeCommandTest {
    static final String IDS = "5,17,300,42,9,77,123,8;6,18,301,43,10,78,124,9";

    @Test
    void decomposeWritesPartsThatSumToTheHiddenState(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("parts.npy");
        String model = Fixtures.path("tests/fixtures/models/opt").toString();
        String[] r = LogitsCommandTest.run("decompose", "--model", model, "--ids", IDS, "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Npy.Array parts = Npy.read(out);
        assertArrayEquals(new long[] {2, 8, 9, 64}, parts.shape());
        float[] p = parts.toFloats();
        try (LanguageModel m = LanguageModel.fromDirectory(Path.of(model), "opt");
             ModelOutput o = m.run(LogitsCommand.parseIds(IDS))) {
            float[] hidden = o.lastHidden().toFloatArray();
            double worst = 0, later = 0;
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 8; t++) {
                    for (int i = 0; i < 64; i++) {
                        double sum = 0;
                        for (int s = 0; s < 9; s++) {
                            float v = p[((b * 8 + t) * 9 + s) * 64 + i];
                            sum += v;
                            if (s > t && s < 8) later = Math.max(later, Math.abs(v));
                        }
                        worst = Math.max(worst, Math.abs(sum - hidden[(b * 8 + t) * 64 + i]));
                    }
                }
            }
            assertTrue(worst < 1e-4, "sum of parts differs from the hidden state by " + worst);
            assertEquals(0.0, later, "parts of sources after the target are zero");
        }
    }

    @Test
    void decomposeRefusesBadInput(@TempDir Path dir) {
        String model = Fixtures.path("tests/fixtures/models/opt").toString();
        String out = dir.resolve("p.npy").toString();
        String[] r = LogitsCommandTest.run("decompose", "--model", model, "--ids", IDS, "--length", "0", "--out", out);
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("at least 1"), r[2]);
        String tooLong = "1," + "5,".repeat(128) + "5";
        r = LogitsCommandTest.run("decompose", "--model", model, "--ids", tooLong, "--out", out);
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("context window"), r[2]);
    }

    @Test
    void deltalpPrintsTheOriginalFormatPerArticle(@TempDir Path dir) throws IOException {
        Path model = tinyModelWithTokenizer(dir);
        Path text = dir.resolve("tiny.txt");
        Files.writeString(text, "!ARTICLE\nthe cat sat\non the mat .\n!ARTICLE\nthe mat sat .\n");
        String[] r = LogitsCommandTest.run("deltalp", "--model", model.toString(), "--text", text.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.startsWith("tiny_tiny-opt_0 Timestep 1/7\nLP(the | <s>) = "), out);
        assertTrue(out.contains("\n-<s> = "), out);
        assertTrue(out.contains("\ntiny_tiny-opt_0 Timestep 7/7\nLP(. | <s> the cat sat on the mat) = "), out);
        assertTrue(out.contains("\ntiny_tiny-opt_1 Timestep 4/4\nLP(. | <s> the mat sat) = "), out);
        assertTrue(out.matches("(?s).*\n-mat = [-0-9.e]+;\tDelta LP: [-0-9.e]+\n.*"), out);
        assertTrue(out.matches("(?s).*Timestep 4, argmax: \\d, distance: \\d\nMax distance: \\d\n"), out);
        assertEquals(2, out.split("Max distance").length - 1);
    }

    @Test
    void deltalpRefusesBadInput(@TempDir Path dir) throws IOException {
        Path model = tinyModelWithTokenizer(dir);
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "!ARTICLE\nthe cat sat\n");
        String[] r = LogitsCommandTest.run("deltalp", "--model", model.toString(), "--text", text.toString(), "--length", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--length must be at least 1"), r[2]);
        Files.writeString(text, "!ARTICLE\nthe cat sat\n!ARTICLE\n!ARTICLE\nthe mat\n");
        r = LogitsCommandTest.run("deltalp", "--model", model.toString(), "--text", text.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("Article 2") && r[2].contains("empty"), r[2]);
        Files.writeString(text, "!ARTICLE\n" + "the cat sat on the mat . ".repeat(20) + "\n");
        r = LogitsCommandTest.run("deltalp", "--model", model.toString(), "--text", text.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("context window"), r[2]);
    }

    /** The OPT fixture plus a word-level tokenizer whose ids fall inside its vocabulary. */
    static Path tinyModelWithTokenizer(Path dir) throws IOException {
        Path model = dir.resolve("tiny-opt");
        Files.createDirectories(model);
        Path src = Fixtures.path("tests/fixtures/models/opt");
        Files.copy(src.resolve("config.json"), model.resolve("config.json"));
        Files.copy(src.resolve("model.safetensors"), model.resolve("model.safetensors"));
        Files.writeString(model.resolve("tokenizer.json"), """
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [{"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
                                   "normalized": false, "special": true}],
                 "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "unk_token": "<unk>",
                           "vocab": {"<s>": 0, "<unk>": 1, "the": 2, "cat": 3, "sat": 4, "on": 5, "mat": 6, ".": 7}}}
                """);
        Files.writeString(model.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\"}");
        return model;
    }
}

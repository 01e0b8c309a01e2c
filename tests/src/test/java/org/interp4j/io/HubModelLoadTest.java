package org.interp4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LanguageModel.load with a hub id, end to end against a local stand-in for the hub. */
class HubModelLoadTest {
    @TempDir
    Path cache;

    @Test
    void loadsThroughTheHubThenFromTheCacheOffline() throws Exception {
        Path dir = Fixtures.path("tests/fixtures/models/gpt2");
        byte[] config = Files.readAllBytes(dir.resolve("config.json"));
        byte[] weights = Files.readAllBytes(dir.resolve("model.safetensors"));
        String commit = "0123456789abcdef0123456789abcdef01234567";
        float[] online;
        try (FakeHub hub = new FakeHub()) {
            hub.repo("tiny/gpt2").commit("main", commit, Map.of("config.json", config, "model.safetensors", weights));
            try (LanguageModel m = LanguageModel.load("tiny/gpt2", "main",
                    new HubSettings(cache, hub.endpoint(), false, null)); ModelOutput o = m.run(new long[] {5, 6, 7})) {
                online = o.logits().toFloatArray();
                assertEquals("tiny/gpt2", m.name());
            }
        }
        assertTrue(Files.isDirectory(cache.resolve("models--tiny--gpt2/snapshots/" + commit)));
        try (LanguageModel m = LanguageModel.load("tiny/gpt2", "main",
                new HubSettings(cache, "http://127.0.0.1:9", true, null)); ModelOutput o = m.run(new long[] {5, 6, 7})) {
            assertArrayEquals(online, o.logits().toFloatArray());
        }
        UncheckedIOException absent = assertThrows(UncheckedIOException.class, () -> LanguageModel.load("tiny/other",
                "main", new HubSettings(cache, "http://127.0.0.1:9", true, null)));
        assertTrue(absent.getMessage().contains("tiny/other"), absent.getMessage());
    }

    @Test
    void corruptOrTruncatedWeightsGiveOneClearMessage(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.path("tests/fixtures/models/gpt2");
        byte[] weights = Files.readAllBytes(dir.resolve("model.safetensors"));
        Files.copy(dir.resolve("config.json"), tmp.resolve("config.json"));
        Files.write(tmp.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
        UncheckedIOException truncated = assertThrows(UncheckedIOException.class, () -> LanguageModel.load(tmp.toString()));
        assertTrue(truncated.getMessage().contains("model.safetensors"), truncated.getMessage());
        Files.write(tmp.resolve("model.safetensors"), "not a checkpoint".getBytes());
        UncheckedIOException garbage = assertThrows(UncheckedIOException.class, () -> LanguageModel.load(tmp.toString()));
        assertTrue(garbage.getMessage().contains("model.safetensors"), garbage.getMessage());
        Path gguf = tmp.resolve("broken.gguf");
        Files.write(gguf, "GGUF but not really".getBytes());
        UncheckedIOException badGguf = assertThrows(UncheckedIOException.class, () -> LanguageModel.load(gguf.toString()));
        assertTrue(badGguf.getMessage().contains("broken.gguf"), badGguf.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> LanguageModel.load("pythia-70m"));
        assertTrue(typo.getMessage().contains("EleutherAI/pythia-70m"), typo.getMessage());
    }
}

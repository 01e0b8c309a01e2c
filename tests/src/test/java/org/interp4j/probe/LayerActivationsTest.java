package org.interp4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.interp4j.data.Target;
import org.interp4j.data.TokenWindows;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelConfig;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Activations at the target of each window, on the tiny Llama and GPT-2 fixture models: shapes,
 * values equal to the full run's cache at the target, mini-batching, files and bad input.
 */
class LayerActivationsTest {
    private static LanguageModel llama;
    private static LanguageModel gpt2;
    private static TokenWindows windows;
    private static final int PRE = 6;
    private static final int POST = 3;

    @BeforeAll
    static void load() throws IOException {
        llama = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/llama"), "llama");
        gpt2 = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/gpt2"), "gpt2");
        long[] ids = new long[76];
        Random random = new Random(3);
        for (int i = 0; i < ids.length; i++) ids[i] = 3 + random.nextInt(990);
        List<Target> targets = new ArrayList<>();
        for (int p = 2; p < 76; p += 9) targets.add(new Target(0, p, (p / 9) % 2, "w")); // 2 and 74 too near the edges
        windows = TokenWindows.around(ids, targets, PRE, POST);
    }

    @AfterAll
    static void close() {
        llama.close();
        gpt2.close();
    }

    @Test
    void qkvOfEveryLayerAtTheTargetEqualTheFullRunsCache() {
        assertEquals(7, windows.size());
        List<int[]> calls = new ArrayList<>();
        LayerActivations acts = LayerActivations.collector(llama).batchSize(3)
                .progress((done, total) -> calls.add(new int[] {done, total})).collect(windows);
        ModelConfig c = llama.config();
        assertEquals(3 * c.nLayers(), acts.names().size());
        assertEquals(List.of("blocks.0.attn.hook_q", "blocks.0.attn.hook_k", "blocks.0.attn.hook_v"),
                acts.names().subList(0, 3));
        assertEquals(7, acts.samples());
        assertEquals(c.nHeads() * c.dHead(), acts.units("blocks.1.attn.hook_q"));
        assertEquals(c.nKvHeads() * c.dHead(), acts.units("blocks.1.attn.hook_k"));
        assertArrayEquals(windows.labels(), acts.labels());
        assertEquals(List.of("3/7", "6/7", "7/7"), calls.stream().map(x -> x[0] + "/" + x[1]).toList());

        // The whole windows (post tokens included), cached at every position.
        try (ModelOutput out = llama.runWithCache(windows.batch(), LayerActivations.QKV.toArray(String[]::new))) {
            for (String name : acts.names()) {
                NDArray full = out.cache().get(name);
                float[][] m = acts.matrix(name);
                for (int i = 0; i < windows.size(); i++) {
                    float[] expected = full.get(i, PRE).flatten().toFloatArray();
                    assertArrayEquals(expected, m[i], 1e-5f, name + " window " + i);
                }
            }
        }
        float[][] q1 = acts.q(1);
        float[][] qkv = acts.qkv(1);
        assertEquals(acts.units("blocks.1.attn.hook_q") + 2 * acts.units("blocks.1.attn.hook_k"), qkv[0].length);
        assertEquals(q1[4][5], qkv[4][5]);
        assertEquals(acts.v(1)[6][2], qkv[6][q1[0].length + acts.k(1)[0].length + 2]);
        assertArrayEquals(new float[] {q1[0][7], q1[1][7], q1[2][7], q1[3][7], q1[4][7], q1[5][7], q1[6][7]},
                acts.column("blocks.1.attn.hook_q", 7));
    }

    @Test
    void otherPointsAndArchitectures() {
        LayerActivations acts = LayerActivations.collector(gpt2)
                .points("blocks.*.mlp.hook_post", "blocks.0.attn.hook_pattern", "hook_embed").batchSize(4)
                .collect(windows);
        ModelConfig c = gpt2.config();
        assertEquals(c.dMlp(), acts.units("blocks.1.mlp.hook_post"));
        assertEquals(c.dModel(), acts.units("hook_embed"));
        // The target's attention over the keys up to it.
        assertEquals(c.nHeads() * (PRE + 1), acts.units("blocks.0.attn.hook_pattern"));
        try (ModelOutput out = gpt2.runWithCache(windows.batch(), "blocks.1.mlp.hook_post", "blocks.0.attn.hook_pattern");
             NDManager m = NDManager.newBaseManager()) {
            NDArray post = out.cache().get("blocks.1.mlp.hook_post").get(":, " + PRE);
            assertTrue(post.allClose(acts.toNDArray(m, "blocks.1.mlp.hook_post"), 1e-5, 1e-5, false));
            NDArray pattern = out.cache().get("blocks.0.attn.hook_pattern").get(":, :, " + PRE + ", :" + (PRE + 1))
                    .reshape(windows.size(), -1);
            assertTrue(pattern.allClose(acts.toNDArray(m, "blocks.0.attn.hook_pattern"), 1e-5, 1e-5, false));
        }
    }

    @Test
    void savedFilesReadBackTheSame(@TempDir Path dir) throws IOException {
        LayerActivations acts = LayerActivations.collect(llama, windows);
        acts.save(dir.resolve("acts"));
        assertTrue(Files.isRegularFile(dir.resolve("acts/blocks.1.attn.hook_v.npy")));
        LayerActivations back = LayerActivations.load(dir.resolve("acts"));
        assertEquals(acts.names(), back.names());
        assertArrayEquals(acts.labels(), back.labels());
        for (String name : acts.names()) assertArrayEquals(acts.flat(name), back.flat(name), name);

        IOException e = assertThrows(IOException.class, () -> LayerActivations.load(dir));
        assertTrue(e.getMessage().contains("holds no saved activations"), e.getMessage());
    }

    @Test
    void badInputIsRefusedClearly() {
        TokenWindows tooLong = TokenWindows.around(new long[200], List.of(new Target(0, 130, 1, "not")), 120, 10);
        String context = assertThrows(IllegalArgumentException.class,
                () -> LayerActivations.collect(llama, tooLong)).getMessage();
        assertTrue(context.contains("longer than the model's context of 128 tokens"), context);

        String unknown = assertThrows(IllegalArgumentException.class,
                () -> LayerActivations.collector(llama).points("blocks.*.attn.hook_qq").collect(windows)).getMessage();
        assertTrue(unknown.contains("hook_q"), unknown);

        LayerActivations acts = LayerActivations.of(java.util.Map.of("x", new float[][] {{1, 2}, {3, 4}}), new int[] {0, 1});
        String missing = assertThrows(IllegalArgumentException.class, () -> acts.matrix("blocks.0.attn.hook_q"))
                .getMessage();
        assertTrue(missing.startsWith("No activations at 'blocks.0.attn.hook_q'. Collected: x."), missing);
        assertThrows(IllegalArgumentException.class, () -> acts.column("x", 2));
        assertThrows(IllegalArgumentException.class, () -> LayerActivations.collector(llama).batchSize(0));
    }
}

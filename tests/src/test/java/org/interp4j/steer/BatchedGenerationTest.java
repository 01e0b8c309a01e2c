package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generation of several rows at once (left padding, one KV cache, one seed per row) gives each row
 * exactly what it gets alone with the same seed, plain and steered, for every fixture family.
 */
class BatchedGenerationTest {
    static final long[][] PROMPTS = {{11, 200, 37, 5, 99}, {42, 7}, {3, 14, 15, 92, 65, 35, 89, 79}, {640}};

    static long[][] oneByOne(LanguageModel m, GenerateOptions o, long[] seeds) {
        long[][] out = new long[PROMPTS.length][];
        for (int i = 0; i < PROMPTS.length; i++) out[i] = m.generate(new long[][] {PROMPTS[i]}, o.withSeed(seeds[i]))[0];
        return out;
    }

    static void assertSame(long[][] want, long[][] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) assertArrayEquals(want[i], got[i], what + ", row " + i);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt2", "gpt-neox", "opt"})
    void batchedRowsEqualOneByOneWithTheSameSeeds(String family) throws IOException {
        try (LanguageModel m = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + family), family)) {
            GenerateOptions greedy = GenerateOptions.greedy(12).ignoringEos();
            GenerateOptions sampled = GenerateOptions.sampling(12, 1.0, 0).ignoringEos();
            GenerateOptions nucleus = GenerateOptions.sampling(12, 0.8, 0).withTopK(50).withTopP(0.9).ignoringEos();
            long[] seeds = {7, 7, 123, 0};
            assertSame(oneByOne(m, greedy, seeds), m.generate(PROMPTS, greedy, seeds), family + " greedy");
            assertSame(oneByOne(m, sampled, seeds), m.generate(PROMPTS, sampled, seeds), family + " sampled");
            assertSame(oneByOne(m, nucleus, seeds), m.generate(PROMPTS, nucleus, seeds), family + " top-k/top-p");
            // the two-argument form is seeds seed, seed+1, ...
            assertSame(m.generate(PROMPTS, sampled.withSeed(5), new long[] {5, 6, 7, 8}), m.generate(PROMPTS, sampled.withSeed(5)),
                    family + " default seeds");
            // steered: the hooks see padded positions too, which must not leak into real ones
            String point = "blocks.1.hook_resid_post";
            int d = m.config().dModel();
            float[] v = new float[d];
            for (int i = 0; i < d; i++) v[i] = (float) Math.sin(i);
            MeanDifference add = new MeanDifference(point, v);
            float[] a = new float[d], b = new float[d];
            java.util.Arrays.fill(a, 1.5f);
            java.util.Arrays.fill(b, 0.25f);
            TransportMap map = new TransportMap(UnitLayout.of(List.of("blocks.0.ln2.hook_normalized"), new int[] {d}), a, b,
                    fill(d, -0.5f), fill(d, 0.5f));
            try (HookHandle h1 = add.attach(m, 2.0); HookHandle h2 = map.attach(m, 0.8)) {
                assertSame(oneByOne(m, sampled, seeds), m.generate(PROMPTS, sampled, seeds), family + " steered");
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.generate(PROMPTS, sampled, new long[] {1}));
            assertTrue(e.getMessage().contains("one seed per row"), e.getMessage());
        }
    }

    static float[] fill(int n, float x) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, x);
        return f;
    }
}

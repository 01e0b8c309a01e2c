package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.interp4j.hooks.ActivationCache;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The activations generation records step by step (KV cache, one new token per step) are those of
 * one forward pass over the sequence it ran, at every hook point, attention patterns included.
 */
class GenerationCacheTest {
    static final long[][] PROMPTS = {{11, 200, 37, 5, 99}, {3, 14, 15, 92, 65}};
    static final int NEW = 6;

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt2", "gpt-neox", "opt"})
    void everyStepsActivationsEqualOneRunOverTheSequence(String family) throws IOException {
        try (LanguageModel m = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + family), family);
             Generation g = m.generateWithCache(PROMPTS, GenerateOptions.greedy(NEW).ignoringEos())) {
            assertArrayEquals(m.generate(PROMPTS, GenerateOptions.greedy(NEW).ignoringEos())[1], g.tokens()[1],
                    "recording changes nothing generated");
            // the sequence the model ran: each prompt and every new token but the last
            long[][] ran = new long[PROMPTS.length][];
            for (int i = 0; i < ran.length; i++) {
                ran[i] = Arrays.copyOf(PROMPTS[i], PROMPTS[i].length + NEW - 1);
                System.arraycopy(g.tokens()[i], 0, ran[i], PROMPTS[i].length, NEW - 1);
            }
            try (ModelOutput once = m.runWithCache(ran)) {
                ActivationCache want = once.cache(), got = g.cache();
                assertEquals(want.names(), got.names(), family + ": the points recorded");
                assertTrue(got.names().stream().anyMatch(n -> n.endsWith("hook_pattern")));
                for (String name : want.names()) {
                    assertArrayEquals(want.get(name).getShape().getShape(), got.get(name).getShape().getShape(), family + " " + name);
                    float[] a = want.floats(name), b = got.floats(name);
                    double scale = 0, worst = 0;
                    for (int i = 0; i < a.length; i++) {
                        if (a[i] > -1e30) scale = Math.max(scale, Math.abs(a[i]));   // masked scores aside
                        worst = Math.max(worst, Math.abs(a[i] - b[i]));
                    }
                    // float32 sums in another order (one token at a time against the whole sequence) differ by
                    // ~1e-6 of the activation's scale; measured at most 1.3e-6 on these fixtures
                    assertTrue(worst <= 1e-5 * Math.max(1, scale), family + " " + name + ": differs by " + worst
                            + " at scale " + scale);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2"})
    void onlyTheAskedPointsAreRecorded(String family) throws IOException {
        try (LanguageModel m = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + family), family);
             Generation g = m.generateWithCache(PROMPTS, GenerateOptions.greedy(3).ignoringEos(), "blocks.*.mlp.hook_post")) {
            assertEquals(m.config().nLayers(), g.cache().names().size());
            assertArrayEquals(new long[] {2, 5 + 2, m.config().dMlp()}, g.cache().get("blocks.0.mlp.hook_post").getShape().getShape());
        }
    }
}

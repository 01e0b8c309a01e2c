package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Interventions;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generation with the KV cache must give what recomputing the whole sequence every step gives. */
class GenerationTest {

    static LanguageModel load(String name) throws IOException {
        return LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + name), name);
    }

    /** Greedy decoding the slow way: a full forward pass over the growing sequence per token. */
    static long[] greedyWithoutCache(LanguageModel m, long[] prompt, int n) {
        long[] seq = prompt.clone();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            try (ModelOutput o = m.run(seq)) {
                out[i] = o.nextToken(0);
            }
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = out[i];
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "gpt-neox", "opt", "llama"})
    void kvCacheGreedyEqualsFullRecompute(String name) throws IOException {
        try (LanguageModel m = load(name)) {
            long[] prompt = {11, 200, 37, 5, 999};
            GenerateOptions greedy = GenerateOptions.greedy(12).ignoringEos();
            long[] fast = m.generate(new long[][] {prompt}, greedy)[0];
            assertArrayEquals(greedyWithoutCache(m, prompt, 12), fast);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama"})
    void leftPaddedBatchGeneratesWhatEachPromptGetsAlone(String name) throws IOException {
        try (LanguageModel m = load(name)) {
            long[][] prompts = {{11, 200, 37, 5, 999}, {42, 7}};
            GenerateOptions greedy = GenerateOptions.greedy(6).ignoringEos();
            long[][] together = m.generate(prompts, greedy);
            for (int i = 0; i < prompts.length; i++) {
                assertArrayEquals(m.generate(new long[][] {prompts[i]}, greedy)[0], together[i], "row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2"})
    void hooksApplyAtEveryStepAndSamplingIsSeeded(String name) throws IOException {
        try (LanguageModel m = load(name)) {
            long[][] prompt = {{3, 4, 5}};
            List<Integer> steps = new ArrayList<>();
            long[] clean = m.generate(prompt, GenerateOptions.greedy(5).ignoringEos())[0];
            try (HookHandle counter = m.addHook("blocks.0.hook_resid_pre",
                    org.interp4j.hooks.Hook.reader((a, c) -> steps.add(c.step())));
                 HookHandle ablate = m.addHook("blocks.*.hook_mlp_out", Interventions.scale(0f,
                         java.util.stream.IntStream.range(0, m.config().dModel()).toArray()))) {
                long[] steered = m.generate(prompt, GenerateOptions.greedy(5).ignoringEos())[0];
                assertNotEquals(Arrays.toString(clean), Arrays.toString(steered));
            }
            assertEquals(List.of(0, 1, 2, 3, 4), steps);
            GenerateOptions s = GenerateOptions.sampling(8, 1.0, 7).withTopK(50).withTopP(0.9).ignoringEos();
            assertArrayEquals(m.generate(prompt, s)[0], m.generate(prompt, s)[0]);
            long[] first = m.generate(prompt, GenerateOptions.greedy(8).ignoringEos())[0];
            long[] stopped = m.generate(prompt, GenerateOptions.greedy(8).ignoringEos().withStopIds(Set.of(first[2])))[0];
            assertEquals(3, stopped.length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2"})
    void overLongGenerationIsRefused(String name) throws IOException {
        try (LanguageModel m = load(name)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.generate(new long[][] {{1, 2, 3}}, GenerateOptions.greedy(m.config().maxPositions())));
            assertTrue(e.getMessage().contains("context window"), e.getMessage());
        }
    }
}

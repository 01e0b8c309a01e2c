package org.interp4j.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HooksTest {
    static LanguageModel model;
    static final long[][] IDS = {{5, 17, 300, 42, 9}};

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/gpt2"), "gpt2-tiny");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static float[] logits(ModelOutput o) {
        return o.logits().toFloatArray();
    }

    @Test
    void unknownNameSuggestsTheClosestValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.addHook("blocks.0.mlp.hook_pots", Interventions.zero(0)));
        assertTrue(e.getMessage().contains("blocks.0.mlp.hook_post"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> model.runWithCache(IDS, "blocks.*.attn.hook_qq"));
        assertTrue(p.getMessage().contains("attn.hook_q"), p.getMessage());
    }

    @Test
    void runForActivationsStopsAfterTheDeepestBlockReadWithTheSameValues() {
        org.interp4j.model.Batch batch = org.interp4j.model.Batch.of(IDS, 0, org.interp4j.model.Batch.Side.RIGHT);
        List<String> reached = new ArrayList<>();
        float[][] read = new float[1][];
        try (HookHandle watch = model.addHook("blocks.*.hook_resid_post", Hook.reader((a, c) -> reached.add(c.name())));
             HookHandle end = model.addHook("hook_logits", Hook.reader((a, c) -> reached.add(c.name())))) {
            model.runForActivations(batch, Hooked.at("blocks.0.attn.hook_q", Hook.reader((a, c) -> read[0] = a.toFloatArray())));
            assertEquals(List.of("blocks.0.hook_resid_post"), reached, "only block 0 runs");
            reached.clear();
            model.runForActivations(batch, Hooked.at("ln_final.hook_normalized", Hook.reader((a, c) -> { })));
            assertEquals(List.of("blocks.0.hook_resid_post", "blocks.1.hook_resid_post", "hook_logits"), reached,
                    "the final points need the whole run");
        }
        try (ModelOutput o = model.runWithCache(IDS, "blocks.0.attn.hook_q")) {
            assertTrue(Arrays.equals(o.cache().floats("blocks.0.attn.hook_q"), read[0]));
        }
        assertThrows(IllegalArgumentException.class,
                () -> model.runForActivations(batch, Hooked.at("blocks.0.attn.hook_qq", Hook.reader((a, c) -> { }))));
    }

    @Test
    void patternsMatchOnePointPerLayer() {
        AtomicInteger calls = new AtomicInteger();
        try (ModelOutput o = model.runWithHooks(org.interp4j.model.Batch.of(IDS, 0, org.interp4j.model.Batch.Side.RIGHT),
                Hooked.at("blocks.*.attn.hook_q", Hook.reader((a, c) -> calls.incrementAndGet())))) {
            assertEquals(model.config().nLayers(), calls.get());
        }
        try (ModelOutput o = model.runWithCache(IDS, "blocks.*.mlp.hook_post", "hook_embed")) {
            assertEquals(model.config().nLayers() + 1, o.cache().names().size());
        }
    }

    @Test
    void scopedHooksAreRemovedEvenWhenTheyThrow() {
        float[] clean;
        try (ModelOutput o = model.run(IDS)) {
            clean = logits(o);
        }
        assertThrows(IllegalStateException.class, () -> model.runWithHooks(
                org.interp4j.model.Batch.of(IDS, 0, org.interp4j.model.Batch.Side.RIGHT),
                Hooked.at("blocks.1.hook_resid_post", (a, c) -> { throw new IllegalStateException("boom"); })));
        try (ModelOutput o = model.run(IDS)) {
            assertTrue(Arrays.equals(clean, logits(o)), "a hook survived its scoped run");
        }
    }

    @Test
    void ablatingANeuronMovesTheLogitsAndRemovingTheHookRestoresThem() {
        float[] clean, ablated, restored;
        try (ModelOutput o = model.run(IDS)) {
            clean = logits(o);
        }
        try (HookHandle h = model.addHook("blocks.0.mlp.hook_post", Interventions.zero(3, 7))) {
            try (ModelOutput o = model.runWithCache(IDS, "blocks.0.mlp.hook_post")) {
                ablated = logits(o);
                float[] neurons = o.cache().floats("blocks.0.mlp.hook_post");
                int width = model.config().dMlp();
                for (int t = 0; t < IDS[0].length; t++) {
                    assertEquals(0f, neurons[t * width + 3]);
                    assertEquals(0f, neurons[t * width + 7]);
                }
            }
        }
        try (ModelOutput o = model.run(IDS)) {
            restored = logits(o);
        }
        assertFalse(Arrays.equals(clean, ablated));
        assertTrue(Arrays.equals(clean, restored));
    }

    @Test
    void setWithTheUnitsOwnValueChangesNothing() {
        int width = model.config().dMlp();
        float[] clean, neurons;
        try (ModelOutput o = model.runWithCache(new long[][] {{42}}, "blocks.1.mlp.hook_post")) {
            clean = logits(o);
            neurons = o.cache().floats("blocks.1.mlp.hook_post");
        }
        int[] units = {0, 5, width - 1};
        float[] own = {neurons[0], neurons[5], neurons[width - 1]};
        try (ModelOutput o = model.runWithHooks(org.interp4j.model.Batch.of(new long[][] {{42}}, 0,
                org.interp4j.model.Batch.Side.RIGHT), Hooked.at("blocks.1.mlp.hook_post", Interventions.set(units, own)))) {
            float[] got = logits(o);
            for (int i = 0; i < got.length; i++) assertEquals(clean[i], got[i], 1e-5);
        }
    }

    @Test
    void badReplacementsAndUnitsGiveClearErrors() {
        IllegalStateException shape = assertThrows(IllegalStateException.class, () -> model.runWithHooks(
                org.interp4j.model.Batch.of(IDS, 0, org.interp4j.model.Batch.Side.RIGHT),
                Hooked.at("blocks.0.hook_resid_pre", (a, c) -> a.get(":, :1, :"))));
        assertTrue(shape.getMessage().contains("must keep the shape"), shape.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> model.runWithHooks(
                org.interp4j.model.Batch.of(IDS, 0, org.interp4j.model.Batch.Side.RIGHT),
                Hooked.at("blocks.0.mlp.hook_post", Interventions.zero(100_000))));
        assertTrue(unit.getMessage().contains("out of range"), unit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Interventions.transport(new int[] {1}, new float[] {1},
                new float[] {0}, 1.5));
    }

    @Test
    void hookContextCarriesLayerAndName() {
        List<String> seen = new ArrayList<>();
        try (ModelOutput o = model.runWithHooks(org.interp4j.model.Batch.of(IDS, 0, org.interp4j.model.Batch.Side.RIGHT),
                Hooked.at("blocks.*.hook_resid_post", Hook.reader((a, c) -> seen.add(c.layer() + ":" + c.name()))))) {
            assertEquals(List.of("0:blocks.0.hook_resid_post", "1:blocks.1.hook_resid_post"), seen);
        }
    }

    @Test
    void tooLongInputsAndForeignIdsAreRefusedClearly() {
        long[] longRow = new long[model.config().maxPositions() + 1];
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> model.run(longRow));
        assertTrue(tooLong.getMessage().contains("context window"), tooLong.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> model.run(new long[] {1, 50_000}));
        assertTrue(foreign.getMessage().contains("vocabulary"), foreign.getMessage());
    }
}

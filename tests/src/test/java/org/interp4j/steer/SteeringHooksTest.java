package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interp4j.data.ConceptSet;
import org.interp4j.data.WordList;
import org.interp4j.expertise.Expertise;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-conditioning and Linear-AcT hooks on the tiny Llama fixture (d_mlp 160, 2 layers). */
class SteeringHooksTest {
    static LanguageModel model;
    static final String POINT = "blocks.1.mlp.hook_post";
    static final long[] PROMPT = {11, 200, 37, 5, 999};

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/llama"), "llama-tiny");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** An expertise result over the model's two MLP layers from random responses. */
    static ExpertiseResult randomExpertise(int[] sizes, List<String> names) {
        Random r = new Random(7);
        int units = java.util.Arrays.stream(sizes).sum();
        float[][] x = new float[40][units];
        int[] y = new int[40];
        for (int s = 0; s < 40; s++) {
            y[s] = s % 2;
            for (int u = 0; u < units; u++) x[s][u] = (float) (r.nextGaussian() + (u % 7 == 0 ? y[s] * (u % 3) : 0));
        }
        return Expertise.compute(x, y, UnitLayout.of(names, sizes));
    }

    static ExpertiseResult fixtureExpertise() {
        return randomExpertise(new int[] {160, 160}, List.of("blocks.0.mlp.hook_post", POINT));
    }

    @Test
    void selfConditioningSetsExactlyTheChosenUnitsAtEveryStep() {
        SelfConditioning sc = SelfConditioning.top(fixtureExpertise(), 12, "on_p90");
        List<ForcedUnit> inLayer = sc.units().stream().filter(u -> u.layer().equals(POINT)).toList();
        assertFalse(inLayer.isEmpty(), "some experts are in the checked layer");
        List<float[]> before = new ArrayList<>(), after = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        int features = 160;
        try (HookHandle a = model.addHook(POINT, Hook.reader((x, c) -> before.add(x.toFloatArray())));
             HookHandle forced = sc.attach(model);
             HookHandle b = model.addHook(POINT, Hook.reader((x, c) -> {
                 after.add(x.toFloatArray());
                 steps.add(c.step());
             }))) {
            before.clear(); // attach() ran one token to check the layer sizes
            model.generate(new long[][] {PROMPT}, GenerateOptions.greedy(6).ignoringEos());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), steps, "the hook ran at the prompt and at every new token");
        for (int i = 0; i < after.size(); i++) {
            float[] x0 = before.get(i), x1 = after.get(i);
            int positions = x1.length / features;
            for (int p = 0; p < positions; p++) {
                boolean[] isForced = new boolean[features];
                for (ForcedUnit u : inLayer) {
                    isForced[u.unit()] = true;
                    assertEquals((float) u.value(), x1[p * features + u.unit()], 0f, "step " + i + " position " + p);
                }
                for (int f = 0; f < features; f++) {
                    if (!isForced[f]) assertEquals(x0[p * features + f], x1[p * features + f], 0f,
                            "unit " + f + " untouched at step " + i + " position " + p + " forced " + inLayer);
                }
            }
        }
        assertTrue(model.generate(new long[][] {PROMPT}, GenerateOptions.greedy(1)).length == 1);
    }

    @Test
    void forcingValuesAreTheNamedColumnOfTheBestUnits() {
        ExpertiseResult e = fixtureExpertise();
        SelfConditioning sc = SelfConditioning.top(e, 5);
        for (int i = 0; i < 5; i++) {
            var want = e.top(5).get(i);
            assertEquals(want.layer(), sc.units().get(i).layer());
            assertEquals(want.unit(), sc.units().get(i).unit());
            assertEquals(want.onP50(), sc.units().get(i).value());
        }
        assertEquals(3, sc.top(3).units().size());
        assertEquals(0, sc.top(0).hooks().size(), "no units: no hooks");
    }

    @Test
    void expertiseCsvGivesTheSameUnitsAsTheResult(@TempDir Path dir) throws IOException {
        ExpertiseResult e = fixtureExpertise();
        Path csv = dir.resolve("expertise.csv");
        e.writeCsv(csv, "toy", "test");
        SelfConditioning fromCsv = SelfConditioning.readCsv(csv, 20, "on_mean");
        SelfConditioning direct = SelfConditioning.top(e, 20, "on_mean");
        for (int i = 0; i < 20; i++) {
            assertEquals(direct.units().get(i).layer(), fromCsv.units().get(i).layer());
            assertEquals(direct.units().get(i).unit(), fromCsv.units().get(i).unit());
            assertEquals(direct.units().get(i).value(), fromCsv.units().get(i).value(), 1e-9);
        }
        fromCsv.check(model); // same model: fine
    }

    @Test
    void expertiseForAnotherModelIsRefusedClearly() {
        SelfConditioning wrongSize = SelfConditioning.top(
                randomExpertise(new int[] {1536}, List.of(POINT)), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrongSize.attach(model));
        assertTrue(e.getMessage().contains("another model") && e.getMessage().contains("1536"), e.getMessage());
        SelfConditioning wrongLayer = SelfConditioning.top(
                randomExpertise(new int[] {160}, List.of("blocks.17.mlp.hook_post")), 3);
        e = assertThrows(IllegalArgumentException.class, () -> wrongLayer.attach(model));
        assertTrue(e.getMessage().contains("blocks.17.mlp.hook_post") && e.getMessage().contains("another model"),
                e.getMessage());
        assertTrue(model.generate(new long[][] {PROMPT}, GenerateOptions.greedy(2)).length == 1, "nothing left attached");
        TransportMap map = new TransportMap(UnitLayout.of(List.of(POINT), new int[] {3072}), new float[3072], new float[3072]);
        e = assertThrows(IllegalArgumentException.class, () -> map.attach(model, 0.5));
        assertTrue(e.getMessage().contains("another model"), e.getMessage());
    }

    @Test
    void badSelfConditioningSettingsSayWhatToDo() {
        ExpertiseResult e = fixtureExpertise();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SelfConditioning.top(e, 5, "median"));
        assertTrue(bad.getMessage().contains("on_p50"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> SelfConditioning.top(e, 1000));
        assertTrue(bad.getMessage().contains("between 0 and 320"), bad.getMessage());
    }

    static TransportMap fittedMap() {
        long[][] source = {{1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10, 11, 12}, {13, 14}};
        long[][] target = {{500, 501, 502}, {600, 601}, {700, 701, 702, 703}, {800, 801, 802}};
        ResponsesRecorder rec = ResponsesRecorder.of(model, "blocks.*.mlp.hook_post").pooling(ResponsesPooling.MEAN);
        return LinearAct.fit(rec.record(source), rec.record(target));
    }

    @Test
    void zeroStrengthLeavesGenerationAndLogitsUnchanged() {
        TransportMap map = fittedMap();
        GenerateOptions sample = GenerateOptions.sampling(10, 1.0, 3).ignoringEos();
        long[] plain = model.generate(new long[][] {PROMPT}, sample)[0];
        float[] plainLogits;
        try (ModelOutput o = model.run(PROMPT)) {
            plainLogits = o.logits().toFloatArray();
        }
        try (HookHandle h = map.attach(model, 0.0)) {
            assertArrayEquals(plain, model.generate(new long[][] {PROMPT}, sample)[0]);
            try (ModelOutput o = model.run(PROMPT)) {
                assertArrayEquals(plainLogits, o.logits().toFloatArray(), 1e-6f);
            }
        }
        try (HookHandle h = map.attach(model, 1.0); ModelOutput o = model.run(PROMPT)) {
            float[] moved = o.logits().toFloatArray();
            double diff = 0;
            for (int i = 0; i < moved.length; i++) diff = Math.max(diff, Math.abs(moved[i] - plainLogits[i]));
            assertTrue(diff > 1e-3, "full transport changes the model (max logit change " + diff + ")");
        }
    }

    @Test
    void fullTransportMovesSourceMeansOntoTargetMeans() {
        long[][] source = {{1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10, 11, 12}, {13, 14}};
        long[][] target = {{500, 501, 502}, {600, 601}, {700, 701, 702, 703}, {800, 801, 802}};
        ResponsesRecorder rec = ResponsesRecorder.of(model, "blocks.0.mlp.hook_post").pooling(ResponsesPooling.MEAN);
        ResponsesMatrix src = rec.record(source), dst = rec.record(target);
        // without a support every token value is transported, so pooled means land exactly on the target's
        TransportMap map = LinearAct.fit(src, dst).withoutSupport();
        // layer 0 sees only the embeddings, so transporting it does not change its own inputs
        ResponsesMatrix moved;
        try (HookHandle h = map.attach(model, 1.0)) {
            moved = rec.record(source);
        }
        for (int u = 0; u < 160; u += 17) {
            assertEquals(mean(dst.column(u)), mean(moved.column(u)), 1e-3, "unit " + u);
        }
    }

    @Test
    void incrementalFitMeasuresEachLayerWithEarlierLayersTransported() {
        long[][] source = {{1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10, 11, 12}, {13, 14}};
        long[][] target = {{500, 501, 502}, {600, 601}, {700, 701, 702, 703}, {800, 801, 802}};
        TransportMap atOnce = LinearAct.on(model, "blocks.*.mlp.hook_post").mode(LinearAct.Mode.AT_ONCE).fit(source, target);
        TransportMap incr = LinearAct.on(model, "blocks.*.mlp.hook_post").mode(LinearAct.Mode.INCREMENTAL).fit(source, target);
        String first = "blocks.0.mlp.hook_post";
        assertArrayEquals(atOnce.layers(List.of(first)).alpha(), incr.layers(List.of(first)).alpha(), "layer 0 sees no transport");
        ResponsesRecorder second = ResponsesRecorder.of(model, POINT).pooling(ResponsesPooling.MEAN);
        TransportMap want;
        try (HookHandle h = incr.layers(List.of(first)).attach(model, 1.0)) {
            want = LinearAct.fit(second.record(source), second.record(target));
        }
        assertArrayEquals(want.alpha(), incr.layers(List.of(POINT)).alpha(), 1e-6f);
        assertArrayEquals(want.beta(), incr.layers(List.of(POINT)).beta(), 1e-6f);
        assertNotEquals(atOnce.layers(List.of(POINT)).beta()[0], incr.layers(List.of(POINT)).beta()[0]);
        assertEquals(LinearAct.Mode.INCREMENTAL, LinearAct.Mode.parse("incr"));
        assertEquals(LinearAct.Mode.AT_ONCE, LinearAct.Mode.parse("atonce"));
    }

    @Test
    void aConceptWithoutPositivesIsRefusedClearly() {
        ConceptSet empty = new ConceptSet("nothing", "x.n.01", "x%1", "gloss", List.of(),
                List.of(new ConceptSet.Example("a", "A plain sentence.", false, List.of())), WordList.of("nothing", List.of("x")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAct.on(model, "blocks.0.mlp.hook_post").fit(empty));
        assertTrue(e.getMessage().contains("no positive examples"), e.getMessage());
    }

    @Test
    void perplexityIsTheMeanNegativeLogLikelihoodOfTheNewTokens() {
        long[] prompt = {3, 4, 5}, cont = {6, 7};
        Perplexity.Score s = Perplexity.score(model, new long[][] {prompt, {9}}, new long[][] {cont, {10, 11, 12}}, 8)[0];
        double nll = 0;
        try (ModelOutput o = model.run(new long[] {3, 4, 5, 6, 7})) {
            for (int t = 2; t <= 3; t++) {
                float[] l = o.logitsAt(0, t);
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (float v : l) max = Math.max(max, v);
                for (float v : l) sum += Math.exp(v - max);
                nll -= l[(int) (t == 2 ? 6 : 7)] - max - Math.log(sum);
            }
        }
        assertEquals(nll, s.nll(), 1e-4 * Math.abs(nll));
        assertEquals(Math.exp(nll / 2), s.perplexity(), 1e-4 * Math.exp(nll / 2));
    }

    static double mean(float[] x) {
        double s = 0;
        for (float v : x) s += v;
        return s / x.length;
    }
}

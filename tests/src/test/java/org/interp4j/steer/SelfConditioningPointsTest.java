package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.interp4j.expertise.Expertise;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-conditioning from any hook point (MLP pre-activations, attention outputs, per-head q), forced
 * at the positions ml-selfcond forces, with on_p50 and on_p90; on the tiny Llama fixture.
 */
class SelfConditioningPointsTest {
    static LanguageModel model;
    static final long[] PROMPT = {11, 200, 37, 5, 999};
    static final List<String> POINTS = List.of("blocks.1.mlp.hook_pre", "blocks.0.hook_attn_out", "blocks.1.attn.hook_q");
    static ResponsesMatrix responses;
    static final int[] LABELS = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/llama"), "llama-tiny");
        long[][] rows = {{500, 501, 502}, {600, 601}, {700, 701, 702, 703}, {800, 801, 802}, {900, 901, 902},
                {1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10, 11, 12}, {13, 14}, {15, 16, 17}, {18, 19}};
        responses = ResponsesRecorder.of(model, POINTS.toArray(String[]::new)).pooling(ResponsesPooling.MAX).record(rows);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** numpy.percentile(x, q) with its default linear interpolation. */
    static double percentile(float[] x, double q) {
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) v[i] = x[i];
        Arrays.sort(v);
        return Support.quantile(v, q / 100);
    }

    @Test
    void forcingValuesAreTheMedianAndNinetiethPercentileOnPositives() {
        ExpertiseResult e = Expertise.compute(responses, LABELS);
        for (String forcing : List.of("on_p50", "on_p90")) {
            SelfConditioning sc = SelfConditioning.top(e, 10, forcing);
            for (ForcedUnit u : sc.units()) {
                int uuid = e.layout().uuid(u.layer(), u.unit());
                float[] col = responses.column(uuid), pos = new float[5];
                System.arraycopy(col, 0, pos, 0, 5);
                assertEquals(percentile(pos, forcing.equals("on_p50") ? 50 : 90), u.value(), 1e-5, forcing + " of " + u);
            }
        }
    }

    /** Every activation at the point during a greedy generation, before and after the forcing hook, and the steps. */
    static List<float[][]> generateForced(String point, SelfConditioning sc) {
        List<float[]> before = new ArrayList<>(), after = new ArrayList<>();
        try (HookHandle a = model.addHook(point, Hook.reader((x, c) -> before.add(x.toFloatArray())));
             HookHandle forced = sc.attach(model);
             HookHandle b = model.addHook(point, Hook.reader((x, c) -> after.add(x.toFloatArray())))) {
            before.clear(); // attach() ran one token to check sizes
            model.generate(new long[][] {PROMPT}, GenerateOptions.greedy(4).ignoringEos());
        }
        assertEquals(4, after.size(), "one call for the prompt, one per new token");
        List<float[][]> steps = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) steps.add(new float[][] {before.get(i), after.get(i)});
        return steps;
    }

    @Test
    void expertsAtAnyPointAreForcedAtEveryPositionOfEveryStep() {
        for (String point : POINTS) {
            ExpertiseResult e = Expertise.compute(responses.layer(point), LABELS);
            int features = e.units();
            for (String forcing : List.of("on_p50", "on_p90")) {
                SelfConditioning sc = SelfConditioning.top(e, 6, forcing);
                List<float[][]> steps = generateForced(point, sc);
                for (int s = 0; s < steps.size(); s++) {
                    float[] x0 = steps.get(s)[0], x1 = steps.get(s)[1];
                    int positions = x1.length / features;
                    assertEquals(s == 0 ? PROMPT.length : 1, positions, "KV cache: the prompt, then one token per step");
                    for (int p = 0; p < positions; p++) {
                        boolean[] isForced = new boolean[features];
                        for (ForcedUnit u : sc.units()) {
                            isForced[u.unit()] = true;
                            assertEquals((float) u.value(), x1[p * features + u.unit()], 0f, point + " step " + s + " position " + p);
                        }
                        for (int f = 0; f < features; f++) {
                            if (!isForced[f]) assertEquals(x0[p * features + f], x1[p * features + f], 0f, point + " unit " + f);
                        }
                    }
                }
            }
        }
    }

    @Test
    void onlyLastTokenForcesTheLastPromptPositionThenEachNewToken() {
        String point = "blocks.1.mlp.hook_pre";
        ExpertiseResult e = Expertise.compute(responses.layer(point), LABELS);
        SelfConditioning sc = SelfConditioning.top(e, 5, "on_p90").onlyLastToken();
        assertTrue(sc.forcesOnlyLastToken());
        assertTrue(sc.top(3).forcesOnlyLastToken(), "a smaller top keeps the setting");
        List<float[][]> steps = generateForced(point, sc);
        int features = 160;
        for (int s = 0; s < steps.size(); s++) {
            float[] x0 = steps.get(s)[0], x1 = steps.get(s)[1];
            int positions = x1.length / features;
            for (int p = 0; p < positions; p++) {
                boolean last = p == positions - 1;
                for (ForcedUnit u : sc.units()) {
                    float want = last ? (float) u.value() : x0[p * features + u.unit()];
                    assertEquals(want, x1[p * features + u.unit()], 0f, "step " + s + " position " + p + (last ? " (last)" : ""));
                }
            }
        }
    }

    @Test
    void askingForMoreExpertsThanUnitsIsRefused() {
        ExpertiseResult e = Expertise.compute(responses.layer("blocks.0.hook_attn_out"), LABELS);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SelfConditioning.top(e, 65, "on_p90"));
        assertTrue(bad.getMessage().contains("65") && bad.getMessage().contains("between 0 and 64")
                && bad.getMessage().lines().count() == 1, bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SelfConditioning.top(e, 10).top(11));
    }

    @Test
    void theOriginalsPointsExistInEveryFixtureFamily() {
        for (String p : SelfConditioning.SELFCOND_POINTS) {
            assertEquals(2, ResponsesRecorder.of(model, p).points().size(), p);
        }
    }
}

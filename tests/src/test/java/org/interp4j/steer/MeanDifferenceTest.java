package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** The difference-of-means steering vector and its hook, on the tiny GPT-2 fixture. */
class MeanDifferenceTest {
    static LanguageModel model;
    static final long[][] CONCEPT = {{500, 501, 502}, {600, 601}, {700, 701, 702, 703}};
    static final long[][] OTHER = {{1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10, 11, 12}, {13, 14}};
    static final long[] PROMPT = {11, 200, 37, 5, 99};

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/gpt2"), "gpt2-tiny");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Mean over sentences of each sentence's mean over its tokens, one sentence at a time. */
    static double[] meanOfMeans(long[][] rows, String point) {
        double[] sum = null;
        for (long[] row : rows) {
            try (ModelOutput o = model.runWithCache(new long[][] {row}, point)) {
                float[] x = o.cache().get(point).toFloatArray();
                int d = x.length / row.length;
                if (sum == null) sum = new double[d];
                for (int t = 0; t < row.length; t++) for (int i = 0; i < d; i++) sum[i] += x[t * d + i] / (double) row.length;
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= rows.length;
        return sum;
    }

    @Test
    void theVectorIsTheDifferenceOfTokenPooledMeans() {
        MeanDifference v = MeanDifference.fit(model, MeanDifference.residPost(1), CONCEPT, OTHER);
        assertEquals("blocks.1.hook_resid_post", v.point());
        double[] c = meanOfMeans(CONCEPT, v.point()), o = meanOfMeans(OTHER, v.point());
        float[] got = v.vector();
        assertEquals(c.length, got.length);
        for (int i = 0; i < got.length; i++) assertEquals(c[i] - o[i], got[i], 1e-4, "component " + i);
        assertTrue(v.norm() > 0);
    }

    @Test
    void theHookAddsCoefTimesTheVectorAtEveryPositionAndStep() {
        MeanDifference v = MeanDifference.fit(model, MeanDifference.residPost(0), CONCEPT, OTHER);
        double coef = 2.5;
        List<float[]> before = new ArrayList<>(), after = new ArrayList<>();
        try (HookHandle a = model.addHook(v.point(), Hook.reader((x, ctx) -> before.add(x.toFloatArray())));
             HookHandle steer = v.attach(model, coef);
             HookHandle b = model.addHook(v.point(), Hook.reader((x, ctx) -> after.add(x.toFloatArray())))) {
            before.clear();
            model.generate(new long[][] {PROMPT}, GenerateOptions.greedy(3).ignoringEos());
        }
        assertEquals(3, after.size());
        float[] vec = v.vector();
        int d = vec.length;
        for (int s = 0; s < after.size(); s++) {
            float[] x0 = before.get(s), x1 = after.get(s);
            assertEquals(s == 0 ? PROMPT.length * d : d, x1.length);
            for (int k = 0; k < x1.length; k++) {
                assertEquals(x0[k] + coef * vec[k % d], x1[k], 1e-5, "step " + s + " element " + k);
            }
        }
    }

    @Test
    void zeroCoefficientLeavesTheModelAloneAndOtherCoefficientsDoNot() {
        MeanDifference v = MeanDifference.fit(model, MeanDifference.residPost(1), CONCEPT, OTHER);
        float[] plain;
        try (ModelOutput o = model.run(PROMPT)) {
            plain = o.logits().toFloatArray();
        }
        try (HookHandle h = v.attach(model, 0); ModelOutput o = model.run(PROMPT)) {
            assertArrayEquals(plain, o.logits().toFloatArray());
        }
        try (HookHandle h = v.attach(model, -3); ModelOutput o = model.run(PROMPT)) {
            float[] moved = o.logits().toFloatArray();
            double diff = 0;
            for (int i = 0; i < moved.length; i++) diff = Math.max(diff, Math.abs(moved[i] - plain[i]));
            assertTrue(diff > 1e-3, "max logit change " + diff);
        }
    }

    @Test
    void vectorsRoundTripAndAreCheckedAgainstTheModel(@TempDir Path dir) throws Exception {
        MeanDifference v = MeanDifference.fit(model, MeanDifference.residPost(1), CONCEPT, OTHER);
        Path f = dir.resolve("v.npy");
        v.save(f);
        MeanDifference back = MeanDifference.load(f);
        assertEquals(v.point(), back.point());
        assertArrayEquals(v.vector(), back.vector());
        MeanDifference wide = new MeanDifference("blocks.1.hook_resid_post", new float[576]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wide.attach(model, 1));
        assertTrue(e.getMessage().contains("another model") && e.getMessage().contains("576"), e.getMessage());
        MeanDifference deep = new MeanDifference("blocks.9.hook_resid_post", back.vector());
        e = assertThrows(IllegalArgumentException.class, () -> deep.attach(model, 1));
        assertTrue(e.getMessage().contains("blocks.9.hook_resid_post"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MeanDifference.fit(model, "blocks.*.hook_resid_post", CONCEPT, OTHER));
        assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.hooks(Double.NaN));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}

package org.interp4j.ablate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.interp4j.model.LanguageModel;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/** The closed-form last-layer ablation of word surprisal equals hooked forward passes (tiny fixture models). */
class LastLayerSurprisalTest {

    private static final long[][] ROWS = {
            {5, 17, 300, 42, 7, 99, 123, 456, 2, 8}, {11, 12, 13, 14, 15, 16}, {900, 800, 700, 600, 500, 400, 300}};

    /** Each row's last two (or three) tokens are its "word". */
    private static ScoredTexts words() {
        int[] start = {8, 4, 4};
        int[][] pos = new int[ROWS.length][];
        for (int i = 0; i < ROWS.length; i++) {
            pos[i] = new int[ROWS[i].length - start[i]];
            for (int k = 0; k < pos[i].length; k++) pos[i][k] = start[i] - 1 + k;
        }
        return new ScoredTexts(ROWS, pos, start);
    }

    @Test
    void matchesHookedForwardPasses() throws Exception {
        for (String name : List.of("llama", "gpt2")) {
            try (LanguageModel model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + name), name);
                 LastLayerSurprisal fast = LastLayerSurprisal.of(model, words(), 2)) {
                String hook = "blocks." + (model.config().nLayers() - 1) + ".mlp.hook_post";
                int[] ns = {1, 5, 77, 159};
                float[] means = MeanActivations.compute(model, hook, ROWS);
                double[] base = WordSurprisal.compute(model, words(), 2);
                double[] zero = WordSurprisal.compute(model, words(), 2, Ablation.zero(model, hook, ns).hooked());
                double[] mean = WordSurprisal.compute(model, words(), 2, Ablation.mean(model, hook, ns, means).hooked());
                double[] fastZero = fast.zero(ns), fastMean = fast.mean(ns, fast.means());
                double moved = 0;
                for (int i = 0; i < ROWS.length; i++) {
                    assertEquals(base[i], fast.clean()[i], 1e-4, name + " clean word " + i);
                    assertEquals(zero[i], fastZero[i], 1e-4, name + " zero word " + i);
                    assertEquals(mean[i], fastMean[i], 1e-4, name + " mean word " + i);
                    moved = Math.max(moved, Math.abs(zero[i] - base[i]));
                }
                assertTrue(moved > 1e-3, name + ": the ablation must change the surprisal, moved " + moved);
                for (int u = 0; u < means.length; u++) assertEquals(means[u], fast.means()[u], 1e-5);
            }
        }
    }

    @Test
    void badInputSaysWhatIsWrong() throws Exception {
        try (LanguageModel model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/llama"), "llama");
             LastLayerSurprisal s = LastLayerSurprisal.of(model, words(), 2)) {
            var e = assertThrows(IllegalArgumentException.class, () -> s.zero(model.config().dMlp()));
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.ablated(new int[] {1, 2}, new float[] {0}));
            assertThrows(IllegalArgumentException.class, () -> s.mean(new int[] {1}, new float[3]));
        }
    }
}

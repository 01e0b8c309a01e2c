package org.interp4j.ablate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.interp4j.io.Checkpoint;
import org.interp4j.io.Safetensors;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The ablation definitions checked on the tiny fixture checkpoints (2 layers, d_model 64, vocab 1000). */
class AblationDefinitionsTest {
    @TempDir
    Path tmp;

    private static final long[][] ROWS = {
            {5, 17, 300, 42, 7, 99, 123, 456, 2, 8}, {11, 12, 13, 14, 15, 16}, {900, 800, 700, 600, 500, 400, 300}};

    private static ScoredTexts texts() {
        return ScoredTexts.allPositions(ROWS, 1);
    }

    private static TokenFrequencies freq() {
        long[] c = new long[1000];
        for (int i = 0; i < c.length; i++) c[i] = (i * 37L) % 101; // an uneven, fixed distribution
        return TokenFrequencies.ofCounts(c);
    }

    private static LanguageModel fixture(String name) throws Exception {
        return LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + name), name);
    }

    /** A copy of a fixture with some tensors and config entries changed. */
    private LanguageModel modified(String name, BiConsumer<Map<String, NDArray>, NDManager> edit,
                                   Map<String, Double> config) throws Exception {
        Path src = Fixtures.path("tests/fixtures/models/" + name);
        Path dir = tmp.resolve(name + "-modified-" + System.nanoTime());
        Files.createDirectories(dir);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = new LinkedHashMap<>(Checkpoint.load(src, m));
            edit.accept(t, m);
            Safetensors.write(dir.resolve("model.safetensors"), t);
        }
        ObjectNode cfg = (ObjectNode) new ObjectMapper().readTree(src.resolve("config.json").toFile());
        config.forEach(cfg::put);
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), cfg);
        return LanguageModel.fromDirectory(dir, name + "-modified");
    }

    private static void assertColumnsClose(Table a, String colA, Table b, String colB, double tol) {
        for (int i = 0; i < a.rowCount(); i++) {
            double x = a.numberColumn(colA).getDouble(i), y = b.numberColumn(colB).getDouble(i);
            assertEquals(y, x, tol * Math.max(1, Math.abs(y)), colA + " vs " + colB + " at row " + i);
        }
    }

    @Test
    void readoutReproducesTheModelsLogits() throws Exception {
        for (String name : List.of("llama", "gpt2", "gpt-neox", "opt")) {
            try (LanguageModel model = fixture(name); NDManager m = NDManager.newBaseManager();
                 ModelOutput out = model.runWithCache(new long[][] {ROWS[0]}, Readout.of(model, m).finalResidualHook())) {
                Readout r = Readout.of(model, m);
                NDArray mine = r.logits(out.cache().get(r.finalResidualHook()));
                float diff = mine.sub(out.logits()).abs().max().getFloat();
                assertTrue(diff < 1e-4, name + ": readout differs from the model's logits by " + diff);
            }
        }
    }

    /** The closed form for last-layer neurons (norm recomputed from ‖r + Δa·w‖) equals real forward passes. */
    @Test
    void lastLayerTotalEffectMatchesForwardPasses() throws Exception {
        for (String name : List.of("llama", "gpt2")) {
            try (LanguageModel model = fixture(name)) {
                int[] ns = {0, 3, 17, 40};
                Table fast = NeuronEffects.of(model).neurons(ns).unigram(freq()).compute(texts());
                float[] values = new float[ns.length];
                for (int j = 0; j < ns.length; j++) values[j] = (float) fast.numberColumn("ablation_value").getDouble(j);
                Table slow = ForwardEffects.compute(model, 1, ns, values, texts(), freq(), null);
                for (String c : List.of("delta_loss_total", "delta_entropy_total", "kl_total",
                        "delta_loss_frozen_unigram", "kl_from_unigram_diff")) {
                    assertColumnsClose(fast, c, slow, c, 1e-4);
                }
                assertTrue(fast.numberColumn("abs_delta_loss_total").max() > 1e-4, "the neurons must have an effect");
                // zero ablation: the same closed form with Δa = −a
                Table fastZero = NeuronEffects.of(model).neurons(ns).mode(NeuronEffects.Mode.ZERO).unigram(freq()).compute(texts());
                Table slowZero = ForwardEffects.compute(model, 1, ns, new float[ns.length], texts(), freq(), null);
                for (String c : List.of("delta_loss_total", "delta_entropy_total", "kl_total",
                        "delta_loss_frozen_unigram", "kl_from_unigram_diff")) {
                    assertColumnsClose(fastZero, c, slowZero, c, 1e-4);
                }
            }
        }
    }

    /**
     * Direct effect = total effect once nothing after the neuron depends on it: a last-layer neuron
     * feeds only the final norm, and the norm's scale s = sqrt(mean(r²) + eps) stops depending on r
     * when eps is huge (1e16: s = 1e8 up to mean(r²)/2e16 relative, far below float precision). The
     * gain is scaled up by 1e10 so the logits are of ordinary size (h = 100·g⊙r). The config's eps
     * applies to the blocks' own norms too, so their gains are scaled by 1e8 (they become plain g⊙x)
     * and the blocks still compute something. Logits then reach the hundreds, so float32 rounding
     * alone moves the losses by up to ~1e-4 relative: the tolerance is 3e-4. Then the real ablated forward pass
     * (norm recomputed) must equal the direct path with the norm's scale frozen.
     */
    @Test
    void directEqualsTotalWhenTheFinalNormCannotChange() throws Exception {
        try (LanguageModel model = modified("llama", (t, m) -> {
            t.put("model.norm.weight", t.get("model.norm.weight").mul(1e10f));
            for (String k : List.copyOf(t.keySet())) {
                if (k.endsWith("layernorm.weight")) t.put(k, t.get(k).mul(1e8f));
            }
        }, Map.of("rms_norm_eps", 1e16))) {
            int[] ns = {1, 5, 77, 159};
            Table fast = NeuronEffects.of(model).neurons(ns).mode(NeuronEffects.Mode.ZERO).compute(texts());
            Table slow = ForwardEffects.compute(model, 1, ns, new float[ns.length], texts(), null, null);
            assertColumnsClose(fast, "delta_loss_direct", slow, "delta_loss_total", 3e-4);
            assertColumnsClose(fast, "delta_entropy_direct", slow, "delta_entropy_total", 3e-4);
            // logits in the hundreds: the two paths' logits differ in float32 rounding, and so do their KLs
            for (int i = 0; i < fast.rowCount(); i++) {
                assertEquals(slow.numberColumn("kl_total").getDouble(i), fast.numberColumn("kl_direct").getDouble(i), 3e-4);
            }
            assertTrue(slow.numberColumn("abs_delta_loss_total").max() > 1e-3,
                    "the neurons must have an effect: " + slow.numberColumn("abs_delta_loss_total").max());
        }
        // with the ordinary norm the two differ: the test above is not trivially true
        try (LanguageModel model = fixture("llama")) {
            Table t = NeuronEffects.of(model).neurons(1, 5, 77, 159).compute(texts());
            double gap = 0;
            for (int i = 0; i < t.rowCount(); i++) {
                gap = Math.max(gap, Math.abs(t.numberColumn("delta_loss_direct").getDouble(i)
                        - t.numberColumn("delta_loss_total").getDouble(i)));
            }
            assertTrue(gap > 1e-6, "direct and total should differ when the norm rescales, gap " + gap);
        }
    }

    /**
     * KL(clean ‖ ablated) is Σ p (log p − log q) in float64: per neuron, the mean over the scored positions equals
     * {@link Divergence#kl} of the same clean and ablated logits to 1e-9, and no KL is negative, on the forward
     * path and on the closed forms of the last layer (direct and total).
     */
    @Test
    void klIsTheFloat64DivergenceOfTheLogitsAndNeverNegative() throws Exception {
        for (String name : List.of("llama", "gpt2")) {
            try (LanguageModel model = fixture(name)) {
                int[] ns = {3, 17};
                float[] values = {2.5f, -1.0f};
                ScoredTexts texts = texts();
                Table t = ForwardEffects.compute(model, 0, ns, values, texts, null, null);
                Batch batch = Batch.of(ROWS, model.config().padId(), Batch.Side.RIGHT);
                try (ModelOutput clean = model.run(batch)) {
                    for (int j = 0; j < ns.length; j++) {
                        Hooked h = Ablation.constant(model, "blocks.0.mlp.hook_post", new int[] {ns[j]},
                                new float[] {values[j]}).hooked();
                        try (ModelOutput ablated = model.runWithHooks(batch, h)) {
                            double sum = 0;
                            int n = 0;
                            for (int i = 0; i < ROWS.length; i++) {
                                for (int pos : texts.positions()[i]) {
                                    double kl = Divergence.kl(clean.logits().get(i, pos).toFloatArray(),
                                            ablated.logits().get(i, pos).toFloatArray());
                                    assertTrue(kl >= 0, name + " position KL " + kl);
                                    sum += kl;
                                    n++;
                                }
                            }
                            assertEquals(sum / n, t.numberColumn("kl_total").getDouble(j), 1e-9, name + " neuron " + ns[j]);
                            assertTrue(sum / n > 1e-6, "the ablation must change the distribution");
                        }
                    }
                }
                Table last = NeuronEffects.of(model).neurons(NeuronEffects.range(model.config().dMlp())).compute(texts);
                for (String c : List.of("kl_total", "kl_direct")) {
                    assertTrue(last.numberColumn(c).min() >= 0, name + " " + c + " min " + last.numberColumn(c).min());
                }
            }
        }
    }

    /** KL(q ‖ softmax(logits)) = Σ q (log q − log softmax(logits)) by hand, in double. */
    private static double klFromUnigram(double[] q, float[] logits) {
        double[] lp = Divergence.logSoftmax(logits);
        double kl = 0;
        for (int i = 0; i < q.length; i++) kl += q[i] * (Math.log(q[i]) - lp[i]);
        return kl;
    }

    /**
     * The selection input kl_from_unigram_diff, KL(unigram ‖ ablated) − KL(unigram ‖ clean), is computed in
     * float64 from log-probabilities: on the forward path it equals the hand computation over the same clean and
     * ablated logits to 1e-9, and both KLs are never negative; on the last layer's closed form the clean KL is
     * exact to 1e-9 and the ablated one never negative.
     */
    @Test
    void klFromUnigramDiffIsTheFloat64DivergenceOfTheLogits() throws Exception {
        double[] q = freq().distribution();
        for (String name : List.of("llama", "gpt2")) {
            try (LanguageModel model = fixture(name)) {
                int[] ns = {3, 17};
                float[] values = {2.5f, -1.0f};
                ScoredTexts texts = texts();
                Table t = ForwardEffects.compute(model, 0, ns, values, texts, freq(), null);
                Batch batch = Batch.of(ROWS, model.config().padId(), Batch.Side.RIGHT);
                double before = 0;
                try (ModelOutput clean = model.run(batch)) {
                    for (int j = 0; j < ns.length; j++) {
                        Hooked h = Ablation.constant(model, "blocks.0.mlp.hook_post", new int[] {ns[j]},
                                new float[] {values[j]}).hooked();
                        try (ModelOutput ablated = model.runWithHooks(batch, h)) {
                            double b = 0, a = 0, diff = 0;
                            int n = 0;
                            for (int i = 0; i < ROWS.length; i++) {
                                for (int pos : texts.positions()[i]) {
                                    double kb = klFromUnigram(q, clean.logits().get(i, pos).toFloatArray());
                                    double ka = klFromUnigram(q, ablated.logits().get(i, pos).toFloatArray());
                                    assertTrue(kb >= 0 && ka >= 0, name + " KL from unigram " + kb + ", " + ka);
                                    b += kb;
                                    a += ka;
                                    diff += ka - kb;
                                    n++;
                                }
                            }
                            assertEquals(b / n, t.numberColumn("kl_unigram_before").getDouble(j), 1e-9, name);
                            assertEquals(a / n, t.numberColumn("kl_unigram_after").getDouble(j), 1e-9, name);
                            assertEquals(diff / n, t.numberColumn("kl_from_unigram_diff").getDouble(j), 1e-9,
                                    name + " neuron " + ns[j]);
                            assertTrue(Math.abs(diff / n) > 1e-6, "the ablation must move the distribution");
                            before = b / n;
                        }
                    }
                }
                // the last layer's closed form: the same clean KL, and no KL below zero
                Table last = NeuronEffects.of(model).neurons(NeuronEffects.range(model.config().dMlp())).unigram(freq())
                        .compute(texts);
                for (int j = 0; j < last.rowCount(); j++) {
                    assertEquals(before, last.numberColumn("kl_unigram_before").getDouble(j), 1e-9, name);
                }
                assertTrue(last.numberColumn("kl_unigram_after").min() >= 0, name);
            }
        }
    }

    /** Without the direct path the table has no direct columns and the same total, frozen and unigram ones. */
    @Test
    void withoutTheDirectPathTheOtherColumnsAreUnchanged() throws Exception {
        try (LanguageModel model = fixture("llama")) {
            Table all = NeuronEffects.of(model).unigram(freq()).compute(texts());
            Table lean = NeuronEffects.of(model).unigram(freq()).withoutDirectPath().compute(texts());
            assertTrue(!lean.columnNames().contains("delta_loss_direct") && all.columnNames().contains("delta_loss_direct"));
            for (String c : List.of("delta_loss_total", "kl_total", "delta_loss_frozen_unigram", "kl_from_unigram_diff")) {
                assertColumnsClose(lean, c, all, c, 0);
            }
        }
    }

    /** A neuron whose output weights are zero writes nothing: zero-ablating it, even in layer 0, changes nothing. */
    @Test
    void zeroAblatingAUnitWithZeroOutputWeightsChangesNothing() throws Exception {
        int unit = 9;
        try (LanguageModel model = modified("llama", (t, m) -> {
            String k = "model.layers.0.mlp.down_proj.weight"; // [d_model, d_mlp]: column `unit` is its output
            float[] w = t.get(k).toFloatArray();
            long[] s = t.get(k).getShape().getShape();
            for (int r = 0; r < s[0]; r++) w[(int) (r * s[1] + unit)] = 0;
            t.put(k, m.create(w, t.get(k).getShape()));
        }, Map.of())) {
            Ablation a = Ablation.zero(model, "blocks.0.mlp.hook_post", unit);
            try (ModelOutput clean = model.run(ROWS[0]);
                 ModelOutput ablated = model.runWithHooks(org.interp4j.model.Batch.of(new long[][] {ROWS[0]}, 0,
                         org.interp4j.model.Batch.Side.RIGHT), a.hooked())) {
                assertEquals(0f, clean.logits().sub(ablated.logits()).abs().max().getFloat(), 0f);
            }
            Table t = ForwardEffects.compute(model, 0, new int[] {unit}, new float[] {0}, texts(), freq(), null);
            // identical logits: log p − log q is exactly zero everywhere, and KL from the unigram is unchanged
            assertEquals(0, t.numberColumn("kl_total").getDouble(0), 0);
            assertEquals(0, t.numberColumn("kl_from_unigram_diff").getDouble(0), 1e-12);
            assertEquals(0, t.numberColumn("delta_loss_total").getDouble(0), 1e-6);
        }
    }

    /** A neuron that outputs the same value everywhere is left as it is by mean ablation. */
    @Test
    void meanAblationOfAConstantUnitChangesNothing() throws Exception {
        int unit = 4;
        try (LanguageModel model = modified("gpt2", (t, m) -> {
            // c_fc is Conv1D [d_model, d_mlp]: zero the unit's input weights, give it a bias, so gelu(0.7) everywhere
            String w = "h.0.mlp.c_fc.weight", b = "h.0.mlp.c_fc.bias";
            String wk = t.containsKey(w) ? w : "transformer." + w, bk = t.containsKey(b) ? b : "transformer." + b;
            float[] wf = t.get(wk).toFloatArray();
            long cols = t.get(wk).getShape().get(1);
            for (int r = 0; r < t.get(wk).getShape().get(0); r++) wf[(int) (r * cols + unit)] = 0;
            t.put(wk, m.create(wf, t.get(wk).getShape()));
            float[] bf = t.get(bk).toFloatArray();
            bf[unit] = 0.7f;
            t.put(bk, m.create(bf, t.get(bk).getShape()));
        }, Map.of())) {
            String hook = "blocks.0.mlp.hook_post";
            float[] means = MeanActivations.compute(model, hook, ROWS);
            try (ModelOutput c = model.runWithCache(new long[][] {ROWS[1]}, hook)) {
                float[] acts = c.cache().floats(hook);
                int dMlp = model.config().dMlp();
                for (int p = 0; p < ROWS[1].length; p++) assertEquals(means[unit], acts[p * dMlp + unit], 1e-6f);
            }
            Ablation a = Ablation.mean(model, hook, new int[] {unit}, means);
            var batch = org.interp4j.model.Batch.of(ROWS, 0, org.interp4j.model.Batch.Side.RIGHT);
            try (ModelOutput clean = model.run(batch); ModelOutput ablated = model.runWithHooks(batch, a.hooked())) {
                assertTrue(clean.logits().sub(ablated.logits()).abs().max().getFloat() < 1e-6f);
            }
        }
    }

    @Test
    void klIsZeroForIdenticalDistributionsAndMatchesAHandComputation() {
        float[] l = {1.5f, -0.5f, 0.25f, 3f};
        assertEquals(0, Divergence.kl(l, l), 1e-12);
        // p = softmax(log(0.5, 0.25, 0.25)), q = (1/3, 1/3, 1/3): KL = Σ p log(p / q)
        float[] p = {(float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.25)};
        float[] q = {0f, 0f, 0f};
        double hand = 0.5 * Math.log(0.5 * 3) + 2 * 0.25 * Math.log(0.25 * 3);
        assertEquals(hand, Divergence.kl(p, q), 1e-7);
        assertEquals(1.5 * Math.log(2), Divergence.entropy(p), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> Divergence.kl(l, q));
    }

    @Test
    void badInputGivesClearMessages() throws Exception {
        try (LanguageModel model = fixture("llama")) {
            var e1 = assertThrows(IllegalArgumentException.class, () -> Ablation.zero(model, "blocks.1.mlp.hook_post", 160));
            assertTrue(e1.getMessage().contains("Unit 160 is out of range") && e1.getMessage().contains("0..159"), e1.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> Ablation.zero(model, "blocks.1.mlp.hook_pots", 1));
            assertTrue(e2.getMessage().contains("Unknown hook point 'blocks.1.mlp.hook_pots'")
                    && e2.getMessage().contains("blocks.1.mlp.hook_post"), e2.getMessage());
            var e3 = assertThrows(IllegalArgumentException.class, () -> NeuronEffects.of(model).neurons(-1));
            assertTrue(e3.getMessage().contains("out of range"), e3.getMessage());
            var e4 = assertThrows(IllegalArgumentException.class, () -> NeuronEffects.of(model).layer(2));
            assertTrue(e4.getMessage().contains("layers 0..1"), e4.getMessage());
        }
    }

    @Test
    void emptyWordSetIsRefused() throws Exception {
        try (LanguageModel model = fixture("llama")) {
            var e = assertThrows(IllegalArgumentException.class, () -> ScoredTexts.ofWords(model, List.of(), List.of()));
            assertTrue(e.getMessage().contains("word set is empty"), e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class,
                    () -> SurprisalComparison.compute(model, List.of(), 1, new int[] {0}, 8));
            assertTrue(e2.getMessage().contains("word set is empty"), e2.getMessage());
        }
    }

    @Test
    void selectionFollowsTheHeuristic() {
        Table t = Table.create("effects",
                tech.tablesaw.api.IntColumn.create("layer", 1, 1, 1, 1),
                tech.tablesaw.api.IntColumn.create("neuron", 0, 1, 2, 3),
                tech.tablesaw.api.DoubleColumn.create("abs_delta_loss_total", 1.0, 1.0, 1.0, 1.0),
                tech.tablesaw.api.DoubleColumn.create("abs_delta_loss_frozen_unigram", 0.5, 0.1, 0.9, 0.2),
                tech.tablesaw.api.DoubleColumn.create("kl_from_unigram_diff", 0.3, 0.2, -0.1, -0.4),
                tech.tablesaw.api.DoubleColumn.create("abs_kl_from_unigram_diff", 0.3, 0.2, 0.1, 0.4));
        Table boost = NeuronSelection.select(t, NeuronSelection.Effect.BOOST, 5);
        assertEquals(List.of(1, 0), boost.intColumn("neuron").asList()); // mediation 0.9 then 0.5
        assertEquals(0.9, boost.doubleColumn("mediation_effect").getDouble(0), 1e-12);
        Table suppress = NeuronSelection.select(t, NeuronSelection.Effect.SUPPRESS, 1);
        assertEquals(List.of(3), suppress.intColumn("neuron").asList());
    }
}

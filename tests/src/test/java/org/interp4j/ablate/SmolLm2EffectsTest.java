package org.interp4j.ablate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A quick run on the default model's last layer: right shape, finite numbers, a usable selection. */
class SmolLm2EffectsTest {
    @Test
    void lastLayerEffectsTableHasTheRightShapeAndFiniteValues() {
        try (LanguageModel model = LanguageModel.load("smollm2-135m")) {
            TokenFrequencies freq = TokenFrequencies.brown(model);
            assertEquals(model.config().vocabSize(), freq.vocabSize());
            assertTrue(freq.total() > 900_000, "Brown has about a million word tokens, got " + freq.total());
            List<BrownCorpus.Context> all = BrownCorpus.open().longtailContexts();
            ScoredTexts texts = ScoredTexts.ofContexts(model, List.of(all.get(0), all.get(1), all.get(398), all.get(399)));
            int[] ns = NeuronEffects.range(24);
            Table t = NeuronEffects.of(model).neurons(ns).unigram(freq).compute(texts);
            assertEquals(24, t.rowCount());
            for (String c : EffectStats.COLUMNS) {
                assertTrue(t.columnNames().contains(c), "missing column " + c);
                for (int i = 0; i < t.rowCount(); i++) {
                    assertTrue(Double.isFinite(t.numberColumn(c).getDouble(i)), c + " row " + i);
                }
            }
            assertEquals(29, t.intColumn("layer").get(0));
            assertTrue(t.numberColumn("kl_total").min() >= 0, "KL is never negative: " + t.numberColumn("kl_total").min());
            assertTrue(t.numberColumn("kl_direct").min() >= 0, "KL is never negative: " + t.numberColumn("kl_direct").min());
            Table sel = NeuronSelection.select(t, NeuronSelection.Effect.BOOST, 5);
            assertTrue(sel.rowCount() <= 5);
            Table proj = UnigramDirection.of(freq).neuronProjections(model, 29);
            assertEquals(model.config().dMlp(), proj.rowCount());
        }
    }

    /** The closed form for last-layer neurons equals real ablated forward passes of the default model, mean and zero. */
    @Test
    void closedFormMatchesForwardPassesOnTheDefaultModel() {
        try (LanguageModel model = LanguageModel.load("smollm2-135m")) {
            TokenFrequencies freq = TokenFrequencies.brown(model);
            List<BrownCorpus.Context> all = BrownCorpus.open().longtailContexts();
            ScoredTexts texts = ScoredTexts.ofContexts(model, List.of(all.get(3), all.get(396)));
            int[] ns = {7, 412, 1200};
            for (NeuronEffects.Mode mode : NeuronEffects.Mode.values()) {
                Table fast = NeuronEffects.of(model).neurons(ns).mode(mode).unigram(freq).compute(texts);
                float[] values = new float[ns.length];
                for (int j = 0; j < ns.length; j++) values[j] = (float) fast.numberColumn("ablation_value").getDouble(j);
                Table slow = ForwardEffects.compute(model, 29, ns, values, texts, freq, null);
                for (String c : List.of("delta_loss_total", "delta_entropy_total", "kl_total",
                        "delta_loss_frozen_unigram", "kl_from_unigram_diff")) {
                    for (int i = 0; i < ns.length; i++) {
                        double a = fast.numberColumn(c).getDouble(i), b = slow.numberColumn(c).getDouble(i);
                        // float32 logits of size ~20 over 49152 tokens: sums agree to a few 1e-5
                        assertEquals(b, a, 2e-4 + 1e-3 * Math.abs(b), mode + " " + c + " neuron " + ns[i]);
                    }
                }
                assertTrue(fast.numberColumn("abs_delta_loss_total").max() > 1e-4, "the neurons must have an effect");
            }
        }
    }
}

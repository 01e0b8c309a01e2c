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
            assertTrue(t.numberColumn("kl_total").min() >= -1e-3, "KL must not be clearly negative");
            Table sel = NeuronSelection.select(t, NeuronSelection.Effect.BOOST, 5);
            assertTrue(sel.rowCount() <= 5);
            Table proj = UnigramDirection.of(freq).neuronProjections(model, 29);
            assertEquals(model.config().dMlp(), proj.rowCount());
        }
    }
}

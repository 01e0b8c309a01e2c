package org.interp4j.cluster;

import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.ablate.NeuronEffects;
import org.interp4j.ablate.ScoredTexts;
import org.interp4j.ablate.TokenFrequencies;
import org.interp4j.cli.AblateCommand;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import tech.tablesaw.api.Table;

/**
 * What one Spark task of {@code interp4j-cluster ablate} does: the computation of {@code interp4j ablate}
 * for a slice of the neurons, as CSV text with its header.
 *
 * <p>Every task loads the model once, picks the same contexts from the same corpus and runs the same
 * clean pass, so the mean-ablation values (each neuron's mean activation over those contexts) are the
 * ones the unsplit command uses. The text is a function of the inputs only, so a retried task gives the
 * same text and the driver keeps one per partition.
 *
 * @param model    as {@code --model}: a name, hub id, folder or .gguf file each executor can load
 * @param layer    the MLP layer, or -1 for the last
 * @param contexts how many word contexts to score
 * @param mode     mean or zero ablation
 * @param datasets the kit's datasets/ folder as every executor sees it
 */
public record AblationPart(String model, int layer, int contexts, NeuronEffects.Mode mode, String datasets)
        implements Serializable {

    /** The effects of these neurons as CSV, exactly as {@code interp4j ablate --neurons …} writes them. */
    public String csv(int[] neurons) {
        try (LanguageModel lm = LanguageModel.load(model)) {
            BrownCorpus corpus = BrownCorpus.at(Path.of(datasets));
            List<BrownCorpus.Context> picked = AblateCommand.spread(corpus.longtailContexts(), contexts);
            ScoredTexts texts = ScoredTexts.ofContexts(lm, picked);
            // TokenFrequencies.brown(lm), read from the given folder instead of the executor's search path.
            TokenFrequencies counts = TokenFrequencies.fromWordCounts(lm.tokenizer(), lm.config().vocabSize(),
                    corpus.unigramCounts());
            NeuronEffects effects = configured(lm).unigram(counts).neurons(neurons);
            Table table = effects.compute(texts);
            StringWriter out = new StringWriter();
            table.write().csv(out);
            return out.toString();
        }
    }

    /** The model's effects with this part's layer and mode: also used by the driver to check the input. */
    NeuronEffects configured(LanguageModel lm) {
        NeuronEffects effects = NeuronEffects.of(lm).mode(mode);
        if (layer >= 0) effects.layer(layer);
        return effects;
    }
}

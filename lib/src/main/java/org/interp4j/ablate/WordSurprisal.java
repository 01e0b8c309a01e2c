package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * Word-level surprisal: −log p(word | context) in nats, the sum of the surprisals of the word's
 * tokens, each given the context and the word's earlier tokens. (The original scored only the word's
 * first token; a word-level sum treats words split into many tokens fairly.)
 */
public final class WordSurprisal {
    private WordSurprisal() {}

    /** One surprisal per row of {@code words} (made with {@link ScoredTexts#ofWords}), with hooks applied. */
    public static double[] compute(LanguageModel model, ScoredTexts words, int batchSize, Hooked... hooks) {
        long[][] rows = words.rows();
        for (int s : words.wordStart()) {
            if (s < 0) throw new IllegalArgumentException("These texts have no target words: make them with ScoredTexts.ofWords.");
        }
        double[] out = new double[rows.length];
        for (int start = 0; start < rows.length; start += batchSize) {
            int end = Math.min(rows.length, start + batchSize);
            Batch batch = words.batch(model, start, end);
            try (ModelOutput o = model.runWithHooks(batch, hooks)) {
                NDArray ls = o.logits().logSoftmax(2);
                for (int i = start; i < end; i++) {
                    int[] pos = words.positions()[i];
                    long[] next = new long[pos.length];
                    long[] at = new long[pos.length];
                    for (int k = 0; k < pos.length; k++) {
                        at[k] = pos[k];
                        next[k] = rows[i][pos[k] + 1];
                    }
                    NDArray row = ls.get(i - start);
                    NDArray picked = row.get(new NDIndex("{}", row.getManager().create(at)))
                            .gather(row.getManager().create(next).reshape(-1, 1), 1);
                    double s = 0;
                    for (float f : picked.toFloatArray()) s -= f;
                    out[i] = s;
                }
            }
        }
        return out;
    }
}

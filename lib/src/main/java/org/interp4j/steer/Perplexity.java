package org.interp4j.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * How surprised a model is by continuations of prompts: the negative log-likelihood of each new
 * token given the prompt and the tokens before it. Steered text is scored by the unsteered model
 * (detach steering hooks first), so a rise in perplexity measures what steering costs in fluency.
 */
public final class Perplexity {
    private Perplexity() {}

    /** Summed negative log-likelihood (nats) and token count of each continuation. */
    public record Score(double nll, int tokens) {
        /** exp(mean NLL per token); NaN for an empty continuation. */
        public double perplexity() {
            return tokens == 0 ? Double.NaN : Math.exp(nll / tokens);
        }
    }

    /** Scores {@code continuations[i]} after {@code prompts[i]}, in batches of {@code batchSize} rows. */
    public static Score[] score(LanguageModel model, long[][] prompts, long[][] continuations, int batchSize) {
        if (prompts.length != continuations.length) {
            throw new IllegalArgumentException(prompts.length + " prompts but " + continuations.length
                    + " continuations: give one continuation per prompt.");
        }
        Score[] out = new Score[prompts.length];
        for (int from = 0; from < prompts.length; from += batchSize) {
            int to = Math.min(prompts.length, from + batchSize);
            long[][] rows = new long[to - from][];
            for (int i = from; i < to; i++) {
                if (prompts[i].length == 0) throw new IllegalArgumentException("Prompt " + i + " has no tokens.");
                rows[i - from] = concat(prompts[i], continuations[i]);
            }
            Batch batch = Batch.of(rows, 0, Batch.Side.RIGHT);
            int b = rows.length, len = batch.length();
            // position t predicts token t+1: gather log p(next token) at every position
            long[] next = new long[b * len];
            for (int r = 0; r < b; r++) {
                for (int t = 0; t + 1 < rows[r].length; t++) next[r * len + t] = rows[r][t + 1];
            }
            try (ModelOutput o = model.run(batch)) {
                NDArray logp = o.logits().toType(DataType.FLOAT32, false).logSoftmax(2);
                NDArray idx = o.logits().getManager().create(next, new Shape(b, len, 1));
                float[] lp = logp.gather(idx, 2).toFloatArray();
                for (int r = 0; r < b; r++) {
                    int p = prompts[from + r].length, c = continuations[from + r].length;
                    double nll = 0;
                    for (int t = p - 1; t < p - 1 + c; t++) nll -= lp[r * len + t];
                    out[from + r] = new Score(nll, c);
                }
            }
        }
        return out;
    }

    /** exp(total NLL / total tokens) over all continuations: one token-weighted perplexity. */
    public static double pooled(Score... scores) {
        double nll = 0;
        int n = 0;
        for (Score s : scores) {
            nll += s.nll();
            n += s.tokens();
        }
        return n == 0 ? Double.NaN : Math.exp(nll / n);
    }

    /** Perplexity of one continuation of one text prompt. */
    public static double of(LanguageModel model, String prompt, String continuation) {
        long[] p = model.tokenize(prompt), c = model.tokenizer().encode(continuation, false);
        return score(model, new long[][] {p}, new long[][] {c}, 1)[0].perplexity();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

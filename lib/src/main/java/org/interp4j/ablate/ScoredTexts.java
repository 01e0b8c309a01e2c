package org.interp4j.ablate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;

/**
 * Token rows and, in each row, the positions whose next-token prediction is scored: position t
 * predicts token t+1. For word contexts the scored positions are exactly the ones predicting the
 * word's tokens, so the summed loss there is the word's surprisal.
 *
 * @param rows      token ids per row
 * @param positions per row, the scored positions (each < row length − 1)
 * @param wordStart per row, the index of the first token of the target word, or -1 for plain texts
 */
public record ScoredTexts(long[][] rows, int[][] positions, int[] wordStart) {

    public ScoredTexts {
        if (rows.length == 0) {
            throw new IllegalArgumentException("No texts to score: give at least one text or (context, word) pair.");
        }
        for (int i = 0; i < rows.length; i++) {
            for (int t : positions[i]) {
                if (t < 0 || t >= rows[i].length - 1) {
                    throw new IllegalArgumentException("Row " + i + " has " + rows[i].length
                            + " tokens: position " + t + " has no next token to predict.");
                }
            }
        }
    }

    /** Rows {@code start} to {@code end - 1}, right-padded into one batch. */
    Batch batch(LanguageModel model, int start, int end) {
        return Batch.of(Arrays.copyOfRange(rows, start, end), model.config().padId(), Batch.Side.RIGHT);
    }

    /**
     * The scored positions of rows {@code start} to {@code end - 1}, in row order, as indices into the
     * flattened [rows · {@code length}] positions of their batch ({@code length}: its padded length).
     */
    long[] flatPositions(int start, int end, int length) {
        int n = 0;
        for (int i = start; i < end; i++) n += positions[i].length;
        long[] flat = new long[n];
        int k = 0;
        for (int i = start; i < end; i++) {
            for (int pos : positions[i]) flat[k++] = (long) (i - start) * length + pos;
        }
        return flat;
    }

    /** Every position from {@code skipFirst} on (the original drops the first 3 and the last). */
    public static ScoredTexts allPositions(long[][] rows, int skipFirst) {
        int[][] pos = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int from = Math.min(skipFirst, Math.max(rows[i].length - 1, 0));
            pos[i] = new int[Math.max(rows[i].length - 1 - from, 0)];
            for (int k = 0; k < pos[i].length; k++) pos[i][k] = from + k;
        }
        int[] none = new int[rows.length];
        Arrays.fill(none, -1);
        return new ScoredTexts(rows, pos, none);
    }

    public static ScoredTexts ofTexts(LanguageModel model, List<String> texts, int skipFirst) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = model.tokenize(texts.get(i));
        return allPositions(rows, skipFirst);
    }

    /** Each context followed by its word after a space; the word's tokens are scored. */
    public static ScoredTexts ofWords(LanguageModel model, List<String> contexts, List<String> words) {
        if (contexts.size() != words.size()) {
            throw new IllegalArgumentException("Got " + contexts.size() + " contexts but " + words.size()
                    + " words: give one word per context.");
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("The word set is empty: give at least one (context, word) pair.");
        }
        long[][] rows = new long[words.size()][];
        int[][] pos = new int[words.size()][];
        int[] start = new int[words.size()];
        for (int i = 0; i < rows.length; i++) {
            String w = words.get(i);
            if (w == null || w.isBlank()) {
                throw new IllegalArgumentException("Word " + i + " (after \"" + contexts.get(i) + "\") is empty.");
            }
            long[] ctx = model.tokenize(contexts.get(i));
            long[] full = model.tokenize(contexts.get(i) + " " + w.strip());
            // The context's own tokens are normally a prefix of the full row (tokenizers split at the
            // space first); where a merge crosses the boundary, the word starts after the common prefix.
            int k = 0;
            while (k < ctx.length && k < full.length && ctx[k] == full[k]) k++;
            if (k == 0 || k >= full.length) {
                throw new IllegalArgumentException("Cannot place the word '" + w + "' after its context \""
                        + contexts.get(i) + "\": the context must be non-empty and the word must add tokens.");
            }
            rows[i] = full;
            start[i] = k;
            pos[i] = new int[full.length - k];
            for (int j = 0; j < pos[i].length; j++) pos[i][j] = k - 1 + j;
        }
        return new ScoredTexts(rows, pos, start);
    }

    public static ScoredTexts ofContexts(LanguageModel model, List<BrownCorpus.Context> contexts) {
        List<String> c = new ArrayList<>(), w = new ArrayList<>();
        for (BrownCorpus.Context x : contexts) {
            c.add(x.context());
            w.add(x.word());
        }
        return ofWords(model, c, w);
    }

    public int size() {
        return rows.length;
    }

    /** Scored positions in all rows. */
    public int count() {
        int n = 0;
        for (int[] p : positions) n += p.length;
        return n;
    }

    /** The first {@code n} rows. */
    public ScoredTexts head(int n) {
        int k = Math.min(n, rows.length);
        return new ScoredTexts(Arrays.copyOf(rows, k), Arrays.copyOf(positions, k),
                Arrays.copyOf(wordStart, k));
    }
}

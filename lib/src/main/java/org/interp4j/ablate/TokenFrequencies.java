package org.interp4j.ablate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import org.interp4j.tokenize.Tokenizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How often each token of a model's vocabulary occurs in a corpus, as that model's tokenizer
 * splits it. The unigram distribution is add-one smoothed, as the original's
 * {@code get_pile_unigram_distribution} does ({@code (count + 1) / sum}), so every token has a
 * finite log-frequency, including the ones the corpus never produces.
 */
public final class TokenFrequencies {
    private final long[] counts;
    private final long total;
    private final Tokenizer tokenizer;

    private TokenFrequencies(long[] counts, Tokenizer tokenizer) {
        this.counts = counts;
        this.tokenizer = tokenizer;
        long t = 0;
        for (long c : counts) t += c;
        this.total = t;
    }

    /**
     * Counts from word counts: each word is tokenized once as it appears inside running text (after
     * a space) and its tokens are credited with the word's count. This is exact for tokenizers that
     * split text at spaces before merging (byte-level BPE, SentencePiece); punctuation, digits and
     * capitals, which the word list leaves out, are not counted.
     */
    public static TokenFrequencies fromWordCounts(Tokenizer tokenizer, int vocabSize, Map<String, Long> wordCounts) {
        long[] counts = new long[vocabSize];
        for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
            for (long id : tokenizer.encode(" " + e.getKey(), false)) add(counts, id, e.getValue());
        }
        return new TokenFrequencies(counts, tokenizer);
    }

    /** Given counts per token id (e.g. computed elsewhere). */
    public static TokenFrequencies ofCounts(long[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) throw new IllegalArgumentException("Token " + i + " has a negative count " + counts[i] + ".");
        }
        return new TokenFrequencies(counts.clone(), null);
    }

    /** Counts over texts, each tokenized whole without special tokens. */
    public static TokenFrequencies fromTexts(Tokenizer tokenizer, int vocabSize, Iterable<String> texts) {
        long[] counts = new long[vocabSize];
        for (String text : texts) {
            for (long id : tokenizer.encode(text, false)) add(counts, id, 1);
        }
        return new TokenFrequencies(counts, tokenizer);
    }

    /** Token counts of the whole Brown corpus (from {@code datasets/longtail/unigram.tsv}) for a model. */
    public static TokenFrequencies brown(LanguageModel model) {
        return fromWordCounts(model.tokenizer(), model.config().vocabSize(), BrownCorpus.open().unigramCounts());
    }

    private static void add(long[] counts, long id, long n) {
        if (id < 0 || id >= counts.length) {
            throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary of " + counts.length
                    + ": use the tokenizer that belongs to the model.");
        }
        counts[(int) id] += n;
    }

    public int vocabSize() {
        return counts.length;
    }

    public long count(int token) {
        return counts[token];
    }

    public long[] counts() {
        return counts.clone();
    }

    /** Tokens counted in all. */
    public long total() {
        return total;
    }

    /** The smoothed unigram distribution (count + 1) / (total + vocab). */
    public double[] distribution() {
        double[] p = new double[counts.length];
        double z = total + (double) counts.length;
        for (int i = 0; i < p.length; i++) p[i] = (counts[i] + 1) / z;
        return p;
    }

    /** log of {@link #distribution()}. */
    public double[] logDistribution() {
        double[] p = distribution();
        for (int i = 0; i < p.length; i++) p[i] = Math.log(p[i]);
        return p;
    }

    /** One row per token: token_id, token, count, probability (smoothed), most frequent first. */
    public Table table() {
        double[] p = distribution();
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(counts[b], counts[a]) != 0
                ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        IntColumn id = IntColumn.create("token_id");
        StringColumn tok = StringColumn.create("token");
        LongColumn cnt = LongColumn.create("count");
        DoubleColumn prob = DoubleColumn.create("probability");
        for (int i : order) {
            id.append(i);
            tok.append(tokenizer == null || i >= tokenizer.vocabSize() ? "" : tokenizer.tokenToString(i));
            cnt.append(counts[i]);
            prob.append(p[i]);
        }
        return Table.create("token frequencies", id, tok, cnt, prob);
    }

    public void writeCsv(Path file) {
        table().write().csv(file.toFile());
    }
}

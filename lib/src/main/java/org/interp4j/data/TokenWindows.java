package org.interp4j.data;

import org.interp4j.model.Batch;
import org.interp4j.tokenize.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Equal-length windows of token ids cut around target tokens: {@code pre} tokens before each
 * target, the target, and {@code post} tokens after it, so every target sits at position
 * {@link #targetPosition()} = {@code pre} of its row. As in the lecture, the ids come from one long
 * tokenised running text and targets closer than {@code pre} to its start or {@code post} to its
 * end are skipped. Rows keep the order of the targets (text, then position).
 * <pre>{@code
 * long[] ids = model.tokenize(BrownCorpus.open().negationText());
 * List<Target> targets = TargetFinder.defaults().find(model.tokenizer(), ids);
 * TokenWindows windows = TokenWindows.around(ids, targets, 90, 10);
 * }</pre>
 */
public final class TokenWindows {
    private final long[][] ids;
    private final List<Target> targets;
    private final int pre;
    private final int post;
    private final int skipped;

    private TokenWindows(long[][] ids, List<Target> targets, int pre, int post, int skipped) {
        this.ids = ids;
        this.targets = List.copyOf(targets);
        this.pre = pre;
        this.post = post;
        this.skipped = skipped;
    }

    /** Windows around targets found in one sequence of ids (targets of text 0). */
    public static TokenWindows around(long[] ids, List<Target> targets, int pre, int post) {
        return around(new long[][] {ids}, targets, pre, post);
    }

    /** Windows around targets in several texts; each target is cut from the text its index names. */
    public static TokenWindows around(long[][] texts, List<Target> targets, int pre, int post) {
        if (pre < 0 || post < 0) {
            throw new IllegalArgumentException("pre and post must be 0 or more tokens (got pre=" + pre + ", post="
                    + post + ").");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("No targets to cut windows around: find some with TargetFinder first.");
        }
        List<long[]> rows = new ArrayList<>();
        List<Target> kept = new ArrayList<>();
        int skipped = 0;
        for (Target t : targets) {
            if (t.text() < 0 || t.text() >= texts.length) {
                throw new IllegalArgumentException("Target " + t + " names text " + t.text() + " but " + texts.length
                        + " text(s) were given: pass the same ids the targets were found in.");
            }
            long[] text = texts[t.text()];
            if (t.position() < 0 || t.position() >= text.length) {
                throw new IllegalArgumentException("Target " + t + " is at token " + t.position() + " but text "
                        + t.text() + " has " + text.length + " tokens: pass the same ids the targets were found in.");
            }
            if (t.position() - pre < 0 || t.position() + post >= text.length) {
                skipped++;
                continue;
            }
            rows.add(Arrays.copyOfRange(text, t.position() - pre, t.position() + post + 1));
            kept.add(t);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("All " + targets.size() + " targets are closer than pre=" + pre
                    + " tokens to the start or post=" + post + " tokens to the end of their text (longest text: "
                    + Arrays.stream(texts).mapToInt(r -> r.length).max().orElse(0) + " tokens). Join short texts "
                    + "into one running text, or use smaller pre/post.");
        }
        return new TokenWindows(rows.toArray(new long[0][]), kept, pre, post, skipped);
    }

    // ---- what the windows are --------------------------------------------------------------------

    /** Number of windows. */
    public int size() {
        return ids.length;
    }

    /** Tokens per window: pre + 1 + post. */
    public int length() {
        return pre + 1 + post;
    }

    public int pre() {
        return pre;
    }

    public int post() {
        return post;
    }

    /** Where the target sits in every window (= pre). */
    public int targetPosition() {
        return pre;
    }

    /** Targets dropped for lying too close to an edge of their text. */
    public int skipped() {
        return skipped;
    }

    /** The target of each window, in row order. */
    public List<Target> targets() {
        return targets;
    }

    /** The class of each window: 1 negation, 0 affirmation. */
    public int[] labels() {
        int[] out = new int[targets.size()];
        for (int i = 0; i < out.length; i++) out[i] = targets.get(i).label();
        return out;
    }

    /** Windows of a class. */
    public int count(int label) {
        return Target.count(targets, label);
    }

    /** A copy of the ids [windows, pre+1+post]. */
    public long[][] ids() {
        long[][] out = new long[ids.length][];
        for (int i = 0; i < ids.length; i++) out[i] = ids[i].clone();
        return out;
    }

    /** The ids of one window (a copy). */
    public long[] row(int i) {
        return ids[i].clone();
    }

    /** All windows as one batch [windows, pre+1+post]; no padding, the mask is all ones. */
    public Batch batch() {
        return batch(0, size());
    }

    /** Windows {@code from} (inclusive) to {@code to} (exclusive) as one batch, e.g. for mini-batches. */
    public Batch batch(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("Window range [" + from + ", " + to + ") is not inside the " + size()
                    + " windows.");
        }
        return Batch.of(Arrays.copyOfRange(ids, from, to), 0, Batch.Side.RIGHT);
    }

    // ---- reshaping -------------------------------------------------------------------------------

    /**
     * At most {@code max} windows of each class, drawn at random with the seed (same seed, same
     * windows); rows stay in text order. Classes with fewer windows keep them all.
     */
    public TokenWindows capPerClass(int max, long seed) {
        if (max < 1) throw new IllegalArgumentException("The cap per class must be at least 1 (got " + max + ").");
        Random random = new Random(seed);
        boolean[] keep = new boolean[size()];
        for (int label : new int[] {Target.AFFIRMATION, Target.NEGATION}) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < size(); i++) if (targets.get(i).label() == label) rows.add(i);
            Collections.shuffle(rows, random);
            for (int i = 0; i < Math.min(max, rows.size()); i++) keep[rows.get(i)] = true;
        }
        List<long[]> rows = new ArrayList<>();
        List<Target> kept = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (keep[i]) {
                rows.add(ids[i]);
                kept.add(targets.get(i));
            }
        }
        return new TokenWindows(rows.toArray(new long[0][]), kept, pre, post, skipped);
    }

    /** Fails with a clear message when a window is longer than a model's context (e.g. {@code config().maxPositions()}). */
    public TokenWindows requireFits(int contextLength) {
        if (length() > contextLength) {
            throw new IllegalArgumentException("Windows of " + length() + " tokens (pre " + pre + " + target + post "
                    + post + ") are longer than the model's context of " + contextLength + " tokens: use smaller pre/post.");
        }
        return this;
    }

    /** One window as text with its target in brackets, e.g. {@code "... I do [[not]] think ..."}. */
    public String preview(Tokenizer tokenizer, int i) {
        long[] row = ids[i];
        return tokenizer.decode(Arrays.copyOfRange(row, 0, pre)) + " [[" + tokenizer.decode(new long[] {row[pre]})
                .strip() + "]]" + tokenizer.decode(Arrays.copyOfRange(row, pre + 1, row.length));
    }

    @Override
    public String toString() {
        return "TokenWindows[" + size() + " windows of " + length() + " tokens (target at " + pre + "): "
                + count(Target.NEGATION) + " negation, " + count(Target.AFFIRMATION) + " affirmation; " + skipped
                + " targets skipped near the edges]";
    }
}

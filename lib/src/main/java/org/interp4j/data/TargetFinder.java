package org.interp4j.data;

import java.util.Collections;
import org.interp4j.model.LanguageModel;
import org.interp4j.tokenize.Tokenizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the negation and affirmation target tokens of lecture 01 in tokenised text.
 *
 * <p>The rules, as in the lecture:
 * <ul>
 * <li>the target is the last token of a whole word: the next token begins with a space (so
 *     "not" in "notion", and a word right before punctuation, are not targets);</li>
 * <li>a <b>negation</b> is a word of the negation list matched exactly ("not", never "noted"), or a
 *     word that ends with a contraction mark ({@code 't}: "don't", "isn't", "can't");</li>
 * <li>an <b>affirmation</b> is a word of the affirmation list matched exactly whose next word is not
 *     "not" ("can go" counts, "can not go" does not).</li>
 * </ul>
 * Matching is case-insensitive; quotes and brackets in front of a word are ignored; a typographic
 * apostrophe counts as {@code '}.
 *
 * <p>Words are read from the tokens' text, not from their spelling in the vocabulary, so the rules
 * work with any tokenizer: byte-level ({@code Ġnot}), sentencepiece ({@code ▁not}) or one that
 * splits a contraction as {@code don}+{@code 't}, {@code do}+{@code n't} or keeps {@code don't}
 * whole; in each case the target is the token that completes the word. Special tokens (BOS, EOS)
 * separate words and never count as a following space.
 */
public final class TargetFinder {
    /** Stands for a special token in the rebuilt text: a word boundary that is not a space. */
    private static final char SPECIAL = '\u0001';
    /** The word after an affirmation that makes it part of a negation ("can not"). */
    private static final String NOT = "not";

    private final Set<String> negations;
    private final List<String> contractionMarks;
    private final Set<String> affirmations;

    private TargetFinder(Collection<String> negations, Collection<String> contractionMarks,
                         Collection<String> affirmations) {
        this.negations = normalise(negations, "negation");
        this.contractionMarks = List.copyOf(normaliseMarks(contractionMarks));
        this.affirmations = normalise(affirmations, "affirmation");
        if (this.negations.isEmpty() && this.contractionMarks.isEmpty()) {
            throw new IllegalArgumentException("The negation word list and the contraction marks are both empty, so "
                    + "nothing can be a negation: give words such as WordList.negations() or marks such as \"'t\".");
        }
        if (this.affirmations.isEmpty()) {
            throw new IllegalArgumentException("The affirmation word list is empty, so nothing can be an affirmation: "
                    + "give words such as WordList.affirmations().");
        }
        for (String w : this.affirmations) {
            if (this.negations.contains(w) || isContraction(w)) {
                throw new IllegalArgumentException("'" + w + "' is both a negation and an affirmation: "
                        + "remove it from one of the lists.");
            }
        }
    }

    /** The lecture's lists from {@code datasets/negation/words.json}. */
    public static TargetFinder defaults() {
        return of(WordList.negations(), WordList.contractionMarks(), WordList.affirmations());
    }

    public static TargetFinder of(WordList negations, Collection<String> contractionMarks, WordList affirmations) {
        return new TargetFinder(negations.words(), contractionMarks, affirmations.words());
    }

    /** Lists given in code, e.g. {@code of(List.of("not", "never"), List.of("'t"), List.of("can", "may"))}. */
    public static TargetFinder of(Collection<String> negations, Collection<String> contractionMarks,
                                  Collection<String> affirmations) {
        return new TargetFinder(negations, contractionMarks, affirmations);
    }

    /** The negation words, lower-cased. */
    public Set<String> negations() {
        return negations;
    }

    /** The contraction marks, lower-cased, e.g. {@code 't}. */
    public List<String> contractionMarks() {
        return contractionMarks;
    }

    /** The affirmation words, lower-cased. */
    public Set<String> affirmations() {
        return affirmations;
    }

    // ---- finding ---------------------------------------------------------------------------------

    /** Targets in a text, tokenised as the model does by default (one running text: index 0). */
    public List<Target> find(LanguageModel model, String text) {
        return find(model.tokenizer(), model.tokenize(text));
    }

    /** Targets in a text, tokenised with the tokenizer's default special tokens (text index 0). */
    public List<Target> find(Tokenizer tokenizer, String text) {
        return find(tokenizer, tokenizer.encode(text));
    }

    /** Targets in one sequence of token ids, e.g. a whole running text (text index 0). */
    public List<Target> find(Tokenizer tokenizer, long[] ids) {
        return find(tokenizer, new long[][] {ids});
    }

    /** Targets in each text, tokenised separately; a target's text index says which. */
    public List<Target> find(Tokenizer tokenizer, List<String> texts) {
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) ids[i] = tokenizer.encode(texts.get(i));
        return find(tokenizer, ids);
    }

    /** Targets in each sequence of token ids; a target's text index is the row. */
    public List<Target> find(Tokenizer tokenizer, long[][] texts) {
        Map<Long, String> pieces = new HashMap<>();
        List<Target> out = new ArrayList<>();
        long tokens = 0;
        for (int i = 0; i < texts.length; i++) {
            scan(tokenizer, texts[i], i, pieces, out);
            tokens += texts[i].length;
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("No negation or affirmation targets in " + texts.length + " text(s) of "
                    + tokens + " tokens. A target is a whole word followed by a space: one of " + negations
                    + ", a word ending in " + contractionMarks + ", or one of " + affirmations
                    + " not followed by 'not'. Use a longer text or other word lists.");
        }
        return List.copyOf(out);
    }

    /**
     * Targets in one sequence given as the text of each token, as the tokenizer decodes it alone
     * with its leading space ({@code [" I", " do", " not", " know"]}); text index 0. Unlike the other
     * methods this returns an empty list when there is no target, so it can be run on any snippet.
     */
    public List<Target> findInTokenTexts(List<String> tokenTexts) {
        String[] pieces = new String[tokenTexts.size()];
        for (int t = 0; t < pieces.length; t++) {
            pieces[t] = tokenTexts.get(t).replace('\u2019', '\'').toLowerCase(Locale.ROOT);
        }
        List<Target> out = new ArrayList<>();
        scan(pieces, 0, out);
        return List.copyOf(out);
    }

    // ---- the rules -------------------------------------------------------------------------------

    private void scan(Tokenizer tokenizer, long[] ids, int textIndex, Map<Long, String> pieces, List<Target> out) {
        String[] texts = new String[ids.length];
        for (int t = 0; t < ids.length; t++) texts[t] = pieces.computeIfAbsent(ids[t], id -> piece(tokenizer, id));
        scan(texts, textIndex, out);
    }

    /** The rules on the tokens' texts, already lower-cased with plain apostrophes. */
    private void scan(String[] pieces, int textIndex, List<Target> out) {
        // Rebuild the text token by token so each token's end offset is known.
        StringBuilder text = new StringBuilder();
        int[] end = new int[pieces.length];
        for (int t = 0; t < pieces.length; t++) {
            text.append(pieces[t]);
            end[t] = text.length();
        }
        for (int t = 0; t + 1 < pieces.length; t++) {
            // The next token must begin with a space: the word ends here, it is not a prefix.
            if (end[t + 1] == end[t] || !Character.isWhitespace(text.charAt(end[t]))) continue;
            String raw = wordEndingAt(text, end[t]);
            if (raw.isEmpty()) continue;
            String word = stripLeading(raw);
            if (negations.contains(word) || isContraction(raw)) {
                out.add(new Target(textIndex, t, Target.NEGATION, word));
            } else if (affirmations.contains(word) && !NOT.equals(nextWord(text, end[t]))) {
                out.add(new Target(textIndex, t, Target.AFFIRMATION, word));
            }
        }
    }

    private boolean isContraction(String raw) {
        for (String mark : contractionMarks) if (raw.endsWith(mark)) return true;
        return false;
    }

    /**
     * A token's text. Decoders of sentencepiece vocabularies drop the leading space of a lone
     * token, so the space is put back from the vocabulary entry; special tokens become a boundary.
     */
    private static String piece(Tokenizer tokenizer, long id) {
        String plain = tokenizer.decode(new long[] {id}, true);
        if (plain.isEmpty() && !tokenizer.decode(new long[] {id}, false).isEmpty()) return String.valueOf(SPECIAL);
        String s = plain.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
        if (tokenizer.startsWithSpace(id) && (s.isEmpty() || !Character.isWhitespace(s.charAt(0)))) s = " " + s;
        return s;
    }

    /** The run of non-space characters that ends at {@code end}. */
    private static String wordEndingAt(CharSequence text, int end) {
        int start = end;
        while (start > 0 && !isBoundary(text.charAt(start - 1))) start--;
        return text.subSequence(start, end).toString();
    }

    /** The letters that follow {@code from} after spaces (empty if punctuation comes first). */
    private static String nextWord(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        int start = i;
        while (i < text.length() && Character.isLetter(text.charAt(i))) i++;
        return text.subSequence(start, i).toString();
    }

    private static boolean isBoundary(char c) {
        return c == SPECIAL || Character.isWhitespace(c);
    }

    /** Quotes, brackets and other marks in front of a word are not part of it. */
    private static String stripLeading(String raw) {
        int i = 0;
        while (i < raw.length() && !Character.isLetterOrDigit(raw.charAt(i))) i++;
        return raw.substring(i);
    }

    private static Set<String> normalise(Collection<String> words, String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words) {
            String n = w.strip().replace('\u2019', '\'').toLowerCase(Locale.ROOT);
            if (n.isEmpty()) continue;
            if (n.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("The " + kind + " list holds the phrase '" + w
                        + "': targets are single words, so list single words only.");
            }
            out.add(n);
        }
        return Collections.unmodifiableSet(out);
    }

    private static List<String> normaliseMarks(Collection<String> marks) {
        List<String> out = new ArrayList<>();
        for (String m : marks) {
            String n = m.strip().replace('\u2019', '\'').toLowerCase(Locale.ROOT);
            if (!n.isEmpty() && !out.contains(n)) out.add(n);
        }
        return out;
    }

    @Override
    public String toString() {
        return "TargetFinder[negations " + negations + ", contractions " + contractionMarks + ", affirmations "
                + affirmations + "]";
    }
}

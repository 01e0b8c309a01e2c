package org.interp4j.data;

import java.util.List;

/**
 * One target token found by {@link TargetFinder}: a whole word that is a negation (label 1) or an
 * affirmation (label 0).
 *
 * @param text     index of the text the token belongs to (0 when a single running text was searched)
 * @param position index of the token within that text's token ids: the word's last token
 * @param label    {@link #NEGATION} or {@link #AFFIRMATION}
 * @param word     the word, lower-cased, e.g. {@code not}, {@code don't}, {@code can}
 */
public record Target(int text, int position, int label, String word) {
    public static final int AFFIRMATION = 0;
    public static final int NEGATION = 1;

    public boolean isNegation() {
        return label == NEGATION;
    }

    /** "negation" or "affirmation". */
    public String className() {
        return className(label);
    }

    public static String className(int label) {
        return label == NEGATION ? "negation" : "affirmation";
    }

    /** How many of the targets have the label. */
    public static int count(List<Target> targets, int label) {
        int n = 0;
        for (Target t : targets) if (t.label == label) n++;
        return n;
    }
}

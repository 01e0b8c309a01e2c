package org.interp4j.grade.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.interp4j.data.BrownCorpus;
import org.interp4j.data.Target;
import org.interp4j.data.TargetFinder;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise.Trial;
import org.interp4j.grade.Tolerance;
import org.interp4j.tokenize.Tokenizer;

/**
 * 01.target-rule: the lecture's word rules on the texts of a token sequence, one label per
 * token: 1 negation, 0 affirmation, -1 neither. The reference is {@link TargetFinder} on the same
 * token texts. Labels are exact, so the tolerance is zero.
 */
final class TargetRule extends ModelExercise<Function<String[], int[]>> {

    private static final TargetFinder FINDER = TargetFinder.defaults();

    TargetRule() {
        super("01.target-rule", "targetRule", generic(Function.class),
                "tokenTexts -> int[] of labels (1 negation, 0 affirmation, -1 neither), one per token",
                "a token is a target only if the NEXT token starts with whitespace (so the word ends here). The word "
                        + "is everything from the last whitespace up to the end of this token, with quotes or brackets "
                        + "in front removed, lower-cased, and \u2019 read as '. Negation: a listed negation word, or a "
                        + "word ending in 't. Affirmation: a listed affirmation word whose next word is not exactly "
                        + "\"not\" (\"notably\" is another word).",
                Tolerance.EXACT);
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("a plain negation", (Object) new String[] {"I", " do", " not", " know", "."}));
        out.add(new Trial("contractions split over two tokens",
                (Object) new String[] {"I", " don", "'t", " know", " why", " it", " isn", "'t", " here", "."}));
        out.add(new Trial("affirmations, one followed by \"not\"",
                (Object) new String[] {"We", " can", " not", " stay", ",", " we", " can", " go", " and", " may",
                        " always", " agree", "."}));
        out.add(new Trial("listed words that only start a longer word",
                (Object) new String[] {" not", "ion", " is", " can", "opy", " and", " may", "hem", " now"}));
        out.add(new Trial("a word made of several tokens",
                (Object) new String[] {"He", " can", "not", " go", ",", " the", " k", "not", " holds", "."}));
        out.add(new Trial("words right before punctuation",
                (Object) new String[] {"Certainly", " not", ".", " So", " never", ",", " nor", "!", " Should", " I", "?"}));
        out.add(new Trial("quotes, brackets and capitals",
                (Object) new String[] {"\"", "Never", " mind", ",\"", " she", " said", ".", " (", "Can", " you",
                        " ALWAYS", " go", "?)"}));
        out.add(new Trial("a typographic apostrophe and upper case",
                (Object) new String[] {"I", " D", "ON", "'", "T", " care", ".", " Don", "\u2019", "t", " stop", "."}));
        out.add(new Trial("\"not\" starting a longer next word",
                (Object) new String[] {" You", " can", " not", "ably", " win", ",", " could", " not", "."}));
        out.add(new Trial("line breaks as the following whitespace",
                (Object) new String[] {" never", "\n", "Then", " should", "\n\n", "not", " might", "\t", "x"}));
        out.add(new Trial("a target word as the very last token",
                (Object) new String[] {" We", " might", " go", " or", " not"}));
        // Real text as the model's tokenizer cuts it.
        Tokenizer tok = context.model().tokenizer();
        out.add(new Trial("sentences tokenised by the model",
                (Object) tokenTexts(tok, "I can't say I never agreed, but we shouldn't, and we certainly may not. "
                        + "\"Can you?\" she asked; he could not, nor would he. Won't you? It cannot be.")));
        String brown = BrownCorpus.open().negationText();
        long[] ids = tok.encode(brown);
        out.add(new Trial("the first 500 tokens of the lecture's text",
                (Object) tokenTexts(tok, Arrays.copyOfRange(ids, 0, 500))));
        out.add(new Trial("500 tokens from the middle of the lecture's text",
                (Object) tokenTexts(tok, Arrays.copyOfRange(ids, ids.length / 2, ids.length / 2 + 500))));
        return out;
    }

    @Override
    protected Object apply(Function<String[], int[]> f, Trial t, ExerciseContext context) {
        return f.apply(((String[]) t.args()[0]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        String[] texts = (String[]) t.args()[0];
        int[] labels = new int[texts.length];
        Arrays.fill(labels, -1);
        for (Target target : FINDER.findInTokenTexts(Arrays.asList(texts))) labels[target.position()] = target.label();
        return labels;
    }

    /** Counts the kinds of mistake (extra targets, missed targets, wrong class), never where they are. */
    @Override
    protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
        if (!got.isArray() || got.size() != want.size()) return super.compare(got, want, trial, context);
        int extra = 0, missed = 0, swapped = 0, invalid = 0;
        for (int i = 0; i < want.size(); i++) {
            JsonNode g = got.get(i);
            if (!g.isIntegralNumber() || g.asInt() < -1 || g.asInt() > 1) {
                invalid++;
                continue;
            }
            int gi = g.asInt(), wi = want.get(i).asInt();
            if (gi == wi) continue;
            if (wi == -1) extra++;
            else if (gi == -1) missed++;
            else swapped++;
        }
        if (invalid + extra + missed + swapped == 0) return null;
        List<String> parts = new ArrayList<>();
        if (invalid > 0) parts.add(invalid + " label(s) other than -1, 0 or 1");
        if (extra > 0) parts.add(extra + " token(s) marked as targets that the rules reject");
        if (missed > 0) parts.add(missed + " target(s) missed");
        if (swapped > 0) parts.add(swapped + " target(s) with the wrong class");
        return String.join(", ", parts);
    }

    private static String[] tokenTexts(Tokenizer tok, String text) {
        return tokenTexts(tok, tok.encode(text));
    }

    /** Each token decoded alone, with its leading space, as the notebook's tokenTexts() does. */
    static String[] tokenTexts(Tokenizer tok, long[] ids) {
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = tok.decode(new long[] {ids[i]}, true);
        return out;
    }
}

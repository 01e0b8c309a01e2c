package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.LongTailAblationExercises.WORDS;

import java.util.ArrayList;
import java.util.List;
import org.interp4j.ablate.ScoredTexts;
import org.interp4j.ablate.WordSurprisal;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.LongTailAblationExercises.Surprisal;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * 04.surprisal: a word's surprisal from its tokens' log-probabilities, each token given the context
 * and the word's earlier tokens (the library's {@link WordSurprisal}).
 */
final class WordSurprisalByHand extends ModelExercise<Surprisal> {

    WordSurprisalByHand() {
        // The same row through the same model; only the summation differs (float log-softmax in the
        // library): agreement to ~1e-5 nats on surprisals of 1-40 nats.
        super("04.surprisal", "surprisal", Surprisal.class, "(logits, row, wordStart) -> surprisal in nats",
                "token k of the row is predicted by the logits at position k − 1; sum −log softmax over every token of "
                        + "the word, from wordStart to the end of the row (natural log).",
                new Tolerance(1e-3, 1e-4));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        LanguageModel model = context.model();
        List<Trial> out = new ArrayList<>();
        for (String[] cw : WORDS) {
            ScoredTexts s = ScoredTexts.ofWords(model, List.of(cw[0]), List.of(cw[1]));
            long[] row = s.rows()[0];
            float[][] logits = new float[row.length][];
            try (ModelOutput o = model.run(row)) {
                for (int k = 0; k < row.length; k++) logits[k] = o.logitsAt(0, k);
            }
            out.add(new Trial("the word \"" + cw[1] + "\" (" + (row.length - s.wordStart()[0]) + " tokens) after \""
                    + cw[0] + "\"", logits, row, s.wordStart()[0], s));
        }
        return out;
    }

    @Override
    protected Object apply(Surprisal f, Trial t, ExerciseContext context) {
        float[][] logits = (float[][]) t.args()[0];
        float[][] copy = new float[logits.length][];
        for (int k = 0; k < logits.length; k++) copy[k] = logits[k].clone();
        return f.of(copy, ((long[]) t.args()[1]).clone(), (int) t.args()[2]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return WordSurprisal.compute(context.model(), (ScoredTexts) t.args()[3], 1)[0];
    }
}

package org.interp4j.grade.exercises;

import java.util.ArrayList;
import java.util.List;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.ConditionedGenerationExercises.ContinuationScore;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.Perplexity;

/** 03.perplexity: exp(mean NLL of the continuation's tokens given the prompt and earlier tokens). */
final class ContinuationPerplexity extends ModelExercise<ContinuationScore> {

    ContinuationPerplexity() {
        // The student's forward pass runs in the submission's JVM, the library's in the grader's:
        // logits move in the 5th-6th digit across threads (tests/tolerances); 1e-3 relative on a
        // perplexity is far above that and far below any indexing mistake (one token shifted).
        super("03.perplexity", "perplexity", ContinuationScore.class,
                "(model, prompt, continuation) -> perplexity",
                "run the model once on prompt followed by continuation; the logits at position t predict token t+1, "
                        + "so the continuation's first token is predicted at the prompt's last position; take "
                        + "log-softmax over the vocabulary, average minus the log-probabilities of the continuation's "
                        + "tokens and exponentiate",
                new Tolerance(0, 1e-3));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        LanguageModel model = context.model();
        List<Trial> out = new ArrayList<>();
        String[][] pairs = {
            {"The best thing about", " the football match on Saturday."},
            {"Once upon a time", " there was a little girl who loved to bake bread."},
            {"I was thinking about", " purple elephant quietly the of."},
            {"Yesterday, my friend told me", " that"},
        };
        for (String[] p : pairs) {
            out.add(new Trial("\"" + p[0] + "\" continued by a " + (p[1].split(" ").length - 1) + "-word text",
                    model.tokenize(p[0]), model.tokenizer().encode(p[1], false)));
        }
        return out;
    }

    @Override
    protected Object apply(ContinuationScore f, Trial t, ExerciseContext context) {
        return f.perplexity(context.model(), ((long[]) t.args()[0]).clone(), ((long[]) t.args()[1]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return Perplexity.score(context.model(), new long[][] {(long[]) t.args()[0]},
                new long[][] {(long[]) t.args()[1]}, 1)[0].perplexity();
    }
}

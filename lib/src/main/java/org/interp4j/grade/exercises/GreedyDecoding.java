package org.interp4j.grade.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * 00.greedy: greedy decoding written as a loop of full forward passes, against the library's
 * {@code generate} (greedy, with a KV cache, not stopping at the end-of-sequence token).
 */
final class GreedyDecoding extends ModelExercise<BiFunction<String, Integer, long[]>> {

    /**
     * A token is accepted when its logit is within this of the best one. Logits move by ~1e-5
     * across 1, 2 and 4 threads (measured on these prompts); a KV cache and a full re-run add
     * rounding of the same order. The trials' top-2 gaps are all above 0.4, so a real mistake
     * is never a near-tie.
     */
    static final double NEAR_TIE = 1e-2;

    GreedyDecoding() {
        super("00.greedy", "greedyDecode",
                generic(BiFunction.class),
                "(prompt, n) -> the n new token ids",
                "start from the prompt's token ids; n times: run the model on all the ids so far, take the "
                        + "most likely token at the LAST position, append it. Return only the new ids.",
                Tolerance.EXACT);
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        return List.of(
                new Trial("\"The capital of France is\", 5 new tokens", "The capital of France is", 5),
                new Trial("a short Python function, 4 new tokens", "def add(a, b):\n    return", 4));
    }

    @Override
    protected Object apply(BiFunction<String, Integer, long[]> f, Trial t, ExerciseContext context) {
        return f.apply((String) t.args()[0], (Integer) t.args()[1]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        LanguageModel model = context.model();
        long[][] prompt = {model.tokenize((String) t.args()[0])};
        return model.generate(prompt, GenerateOptions.greedy((Integer) t.args()[1]).ignoringEos())[0];
    }

    /** Same ids, or (near-ties) every token the student chose is within NEAR_TIE of the best given its prefix. */
    @Override
    protected String compare(JsonNode got, JsonNode want, Trial t, ExerciseContext context) {
        String problem = super.compare(got, want, t, context);
        if (problem == null || !got.isArray() || got.size() != want.size()) {
            return problem;
        }
        LanguageModel model = context.model();
        long[] ids = model.tokenize((String) t.args()[0]);
        for (int i = 0; i < got.size(); i++) {
            if (!got.get(i).isIntegralNumber()) {
                return problem;
            }
            long token = got.get(i).asLong();
            try (ModelOutput out = model.run(ids)) {
                float[] logits = out.logitsAt(0, -1);
                if (token < 0 || token >= logits.length) {
                    return "new token " + i + " is not a token id of this vocabulary";
                }
                float best = Float.NEGATIVE_INFINITY;
                for (float l : logits) {
                    best = Math.max(best, l);
                }
                if (logits[(int) token] < best - NEAR_TIE) {
                    return "new token " + i + " is not the most likely token after the prompt and the tokens "
                            + "chosen before it" + (i == 0 ? "" : " (the first " + i + " are right)");
                }
            }
            ids = Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = token;
        }
        return null;
    }
}

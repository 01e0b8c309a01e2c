package org.interp4j.grade.exercises;

import java.util.List;
import java.util.Random;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.model.LanguageModel;

/** Implement-it exercises of lecture 03 (conditioned generation). */
public final class ConditionedGenerationExercises {

    private ConditionedGenerationExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new FitUnit(), new SupportRule(), new MeanDifferenceVector(), new ContinuationPerplexity());
    }

    /** One unit's Linear-AcT transport at strength λ, applied to each of its values. */
    @FunctionalInterface
    public interface UnitTransport {
        /**
         * @param x the unit's values (one per token)
         * @param alphaBeta {α, β} of the unit's affine map
         * @param loHi {lo, hi}: the unit's support
         * @param lambda the strength λ in [0, 1]
         * @return the values after transport
         */
        float[] apply(float[] x, float[] alphaBeta, float[] loHi, double lambda);
    }

    /** The perplexity of a continuation (token ids) after a prompt (token ids) under a model. */
    @FunctionalInterface
    public interface ContinuationScore {
        double perplexity(LanguageModel model, long[] prompt, long[] continuation);
    }

    static float[] gaussian(Random r, int n, double mean, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (mean + sd * r.nextGaussian());
        return x;
    }

    static void shuffle(float[] x, Random r) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }
}

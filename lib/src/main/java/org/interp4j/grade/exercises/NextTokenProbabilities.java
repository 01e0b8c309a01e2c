package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.model.ModelOutput;

/**
 * 00.softmax: the next-token distribution from one row of logits. The library's version is the
 * log-softmax that {@link ModelOutput#logProbs()} applies to every row, exponentiated.
 */
final class NextTokenProbabilities extends FunctionExercise<Function<float[], double[]>> {

    NextTokenProbabilities() {
        // The library works in float32: a probability carries a relative error of ~1e-6 (log-probs
        // down to -40 in float). 1e-4 relative leaves a wide margin; 1e-9 absolute lets the
        // vanishing tail through, and is far below the probabilities of the leading tokens.
        super("00.softmax", "nextTokenProbs", generic(Function.class),
                "logits -> probabilities",
                "each probability is exp(logit) divided by the sum of exp over the whole row; exp of a large "
                        + "logit overflows, so subtract the row's largest logit first (it cancels in the ratio)",
                new Tolerance(1e-9, 1e-4));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(2000);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("5 logits from 2 down to -2", (Object) new float[] {2f, 1f, 0f, -1f, -2f}));
        out.add(new Trial("4 logits in shuffled order, one negative", (Object) new float[] {0.5f, 3f, -1.5f, 1f}));
        out.add(new Trial("4 equal logits", (Object) new float[] {7f, 7f, 7f, 7f}));
        out.add(new Trial("3 large logits (1000, 999, 990)", (Object) new float[] {1000f, 999f, 990f}));
        out.add(new Trial("3 very negative logits", (Object) new float[] {-1000f, -1002f, -1001f}));
        // Kept short: the grader reads all outputs back from the notebook as one JShell string value,
        // which JShell cuts at about 21,800 characters.
        float[] many = new float[400];
        for (int i = 0; i < many.length; i++) {
            many[i] = (float) (3 * r.nextGaussian());
        }
        many[r.nextInt(many.length)] = 25f; // one clear favourite, as after a predictable prompt
        out.add(new Trial("a row of 400 random logits with one clear favourite", (Object) many));
        return out;
    }

    @Override
    protected Object apply(Function<float[], double[]> f, Trial t, ExerciseContext context) {
        return f.apply(((float[]) t.args()[0]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        float[] row = (float[]) t.args()[0];
        try (NDManager m = NDManager.newBaseManager()) {
            float[] p = m.create(row).logSoftmax(0).exp().toFloatArray();
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i];
            }
            return out;
        }
    }
}

package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.steer.MeanDifference;

/**
 * 03.mean-difference: the steering vector μ_concept − μ_other from per-token activations of
 * sentences of different lengths, each sentence first averaged over its own tokens.
 */
final class MeanDifferenceVector extends FunctionExercise<BiFunction<float[][][], float[][][], float[]>> {

    MeanDifferenceVector() {
        // Sums of a few hundred floats: agreement to rounding.
        super("03.mean-difference", "meanDifference",
                generic(BiFunction.class),
                "(concept, other) -> v, each argument [sentence][token][feature]",
                "first average each sentence over its own tokens (sentences have different lengths), then average "
                        + "those sentence vectors over the sentences of a set; the vector is the concept set's "
                        + "mean minus the other set's mean",
                new Tolerance(1e-5, 1e-5));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(7);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("one sentence per set, 2 features",
                new float[][][] {{{1f, 2f}, {3f, 0f}}}, new float[][][] {{{0f, 1f}, {0f, 1f}, {3f, 1f}}}));
        out.add(new Trial("3 and 4 sentences of 1 to 9 tokens, 6 features", sentences(r, 3, 6, 1, 9, 1.0),
                sentences(r, 4, 6, 1, 9, 0.0)));
        out.add(new Trial("8 sentences each, 2 to 20 tokens, 16 features", sentences(r, 8, 16, 2, 20, 0.5),
                sentences(r, 8, 16, 2, 20, -0.5)));
        return out;
    }

    @Override
    protected Object apply(BiFunction<float[][][], float[][][], float[]> f, Trial t, ExerciseContext context) {
        return f.apply(deepCopy((float[][][]) t.args()[0]), deepCopy((float[][][]) t.args()[1]));
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        // The library's path: token-mean pooling (ResponsesRecorder.pool), then MeanDifference.of
        return MeanDifference.of(pooled((float[][][]) t.args()[0]), pooled((float[][][]) t.args()[1])).vector();
    }

    private static ResponsesMatrix pooled(float[][][] sentences) {
        int n = sentences.length, len = 0, d = sentences[0][0].length;
        for (float[][] s : sentences) len = Math.max(len, s.length);
        float[] padded = new float[n * len * d];
        int[][] mask = new int[n][len];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < sentences[i].length; t++) {
                mask[i][t] = 1;
                System.arraycopy(sentences[i][t], 0, padded, (i * len + t) * d, d);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(padded, new Shape(n, len, d));
            float[][] rows = ResponsesRecorder.pool(x, mask, ResponsesPooling.MEAN);
            return ResponsesMatrix.of(rows, UnitLayout.of(List.of("point"), new int[] {d}), "mean");
        }
    }

    private static float[][][] sentences(Random r, int n, int d, int minLen, int maxLen, double shift) {
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
            int len = minLen + r.nextInt(maxLen - minLen + 1);
            out[i] = new float[len][d];
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < d; j++) out[i][t][j] = (float) (r.nextGaussian() + shift * (j % 3));
            }
        }
        return out;
    }

    private static float[][][] deepCopy(float[][][] x) {
        float[][][] c = new float[x.length][][];
        for (int i = 0; i < x.length; i++) {
            c[i] = new float[x[i].length][];
            for (int t = 0; t < x[i].length; t++) c[i][t] = x[i][t].clone();
        }
        return c;
    }
}

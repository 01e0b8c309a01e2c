package org.interp4j.grade.exercises;

import java.util.List;
import org.interp4j.grade.FunctionExercise;

/**
 * Implement-it exercises of lecture 05 (token-wise decomposition and ΔLP). Every trial is small
 * synthetic data from a fixed seed, shaped like the real thing (a large start-token part, a
 * remainder, windows that do not start at position 0), so no check depends on a forward pass.
 */
public final class DecompositionExercises {

    private DecompositionExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new SumOfParts(), new DeltaLpOfOnePrediction(), new TopSource(), new MeanByDistance());
    }

    /** The student's ΔLP of one prediction: one value per part, in the order of {@code parts}. */
    @FunctionalInterface
    public interface DeltaLpOfParts {
        double[] apply(float[] hidden, float[][] parts, float[][] unembedding, int next);
    }

    static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}

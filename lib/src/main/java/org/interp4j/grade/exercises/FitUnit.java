package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.ConditionedGenerationExercises.gaussian;
import static org.interp4j.grade.exercises.ConditionedGenerationExercises.shuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.steer.LinearAct;

/** 03.fit-unit: α, β of one unit from its source and target samples (sorted-quantile least squares). */
final class FitUnit extends FunctionExercise<BiFunction<float[], float[], double[]>> {

    FitUnit() {
        // Arithmetic on given inputs: a correct least-squares fit agrees with the library to rounding.
        super("03.fit-unit", "fitUnit", generic(BiFunction.class),
                "(source, target) -> new double[] {alpha, beta}",
                "one-dimensional optimal transport pairs the i-th smallest source value with the i-th smallest "
                        + "target value; fit target ≈ α·source + β over those pairs by ordinary least squares "
                        + "(slope = covariance / variance of the sorted source)",
                new Tolerance(1e-6, 1e-6));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(2024);
        List<Trial> out = new ArrayList<>();
        // target = 2·source + 1, shuffled: only sorting both recovers α = 2, β = 1
        float[] s = gaussian(r, 12, 0, 1);
        float[] t = new float[s.length];
        for (int i = 0; i < s.length; i++) t[i] = 2 * s[i] + 1;
        shuffle(t, r);
        out.add(new Trial("12 values, target an exact affine image of the source in shuffled order", s, t));
        out.add(new Trial("5 hand-written values", new float[] {0.3f, -1f, 2f, 0f, 0.5f},
                new float[] {1f, 4f, 0.5f, 2f, 3f}));
        out.add(new Trial("40 random values, target wider and shifted", gaussian(r, 40, 0, 1), gaussian(r, 40, 1.5, 3)));
        out.add(new Trial("64 random values, target narrower", gaussian(r, 64, 2, 2), gaussian(r, 64, -0.5, 0.5)));
        return out;
    }

    @Override
    protected Object apply(BiFunction<float[], float[], double[]> f, Trial t, ExerciseContext context) {
        return f.apply(((float[]) t.args()[0]).clone(), ((float[]) t.args()[1]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return LinearAct.fitUnit((float[]) t.args()[0], (float[]) t.args()[1]);
    }
}

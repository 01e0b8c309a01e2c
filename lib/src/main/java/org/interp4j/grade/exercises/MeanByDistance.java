package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.DecompositionExercises.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.interp4j.decompose.DeltaLp;
import org.interp4j.decompose.DeltaLpStep;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * 05.mean-by-distance: mean ΔLP by distance over a list of steps, against
 * {@link DeltaLp#meanByDistance}. Every distance 1..maxDistance occurs in every trial.
 */
final class MeanByDistance extends FunctionExercise<BiFunction<List<DeltaLpStep>, Integer, double[]>> {

    MeanByDistance() {
        // Means of float32 ΔLPs: summed in float or double, they agree to ~1e-6.
        super("05.mean-by-distance", "meanDeltaByDistance",
                generic(BiFunction.class),
                "(steps, maxDistance) -> mean ΔLP for distances 1..maxDistance",
                "a step predicts the token at timestep() from everything before it, so source s is timestep() − s "
                        + "tokens back; leave out the start token (position 0); each distance's mean is over the "
                        + "(step, source) pairs at that distance, not over all steps.",
                new Tolerance(1e-5, 1e-5));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(1234);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("3 steps of a 4-token text, maxDistance 2", steps(r, 4, Integer.MAX_VALUE), 2));
        out.add(new Trial("11 steps of a 12-token text, maxDistance 6", steps(r, 12, Integer.MAX_VALUE), 6));
        out.add(new Trial("17 steps with a window of 5 sources, maxDistance 4", steps(r, 18, 5), 4));
        out.add(new Trial("24 steps, maxDistance 10", steps(r, 25, Integer.MAX_VALUE), 10));
        return out;
    }

    /** Steps of an n-token text as {@link DeltaLp#compute} gives them, with random ΔLPs (a big one for the start token). */
    private static List<DeltaLpStep> steps(Random r, int n, int window) {
        List<DeltaLpStep> out = new ArrayList<>();
        for (int j = 0; j + 1 < n; j++) {
            int first = Math.max(0, j - window + 1), count = j - first + 1;
            float lp = (float) (-1 - 8 * r.nextDouble());
            int[] sources = new int[count];
            float[] ablated = new float[count];
            float[] delta = new float[count];
            for (int k = 0; k < count; k++) {
                sources[k] = first + k;
                double d = sources[k] == 0 ? 2 + 3 * r.nextDouble() : 0.8 * r.nextGaussian() + 0.3 / (j + 1 - sources[k]);
                ablated[k] = lp - (float) d;
                delta[k] = lp - ablated[k];
            }
            int argmax = DeltaLp.argmax(sources, ablated);
            out.add(new DeltaLpStep(j + 1, r.nextInt(1000), lp, sources, ablated, delta, argmax, j + 1 - argmax));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object apply(BiFunction<List<DeltaLpStep>, Integer, double[]> f, Trial t, ExerciseContext context) {
        List<DeltaLpStep> copy = new ArrayList<>();
        for (DeltaLpStep s : (List<DeltaLpStep>) t.args()[0]) {
            copy.add(new DeltaLpStep(s.timestep(), s.predicted(), s.lp(), s.sources().clone(), s.ablatedLp().clone(),
                    s.delta().clone(), s.argmax(), s.distance()));
        }
        return f.apply(copy, (Integer) t.args()[1]);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object reference(Trial t, ExerciseContext context) {
        return DeltaLp.meanByDistance((List<DeltaLpStep>) t.args()[0], (Integer) t.args()[1]);
    }
}

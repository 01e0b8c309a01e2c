package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.ConditionedGenerationExercises.gaussian;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.ConditionedGenerationExercises.UnitTransport;
import org.interp4j.responses.UnitLayout;
import org.interp4j.steer.TransportMap;

/** 03.support-rule: the transport of one unit, only inside its support, blended by λ. */
final class SupportRule extends FunctionExercise<UnitTransport> {

    SupportRule() {
        // Float arithmetic on given inputs; the library computes in double then rounds to float.
        super("03.support-rule", "transportUnit", UnitTransport.class,
                "(x, alphaBeta, loHi, lambda) -> transported values",
                "a value is moved only when it lies strictly between lo and hi; a moved value is the blend "
                        + "(1 − λ)·x + λ·(α·x + β), so λ = 0 changes nothing and λ = 1 applies the full map; "
                        + "values on or outside the bounds stay as they are",
                new Tolerance(1e-5, 1e-5));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(13);
        List<Trial> out = new ArrayList<>();
        float[] edges = {-2f, -1f, -0.5f, 0f, 0.75f, 1f, 3f};
        out.add(new Trial("values inside, outside and exactly on the bounds, at full strength", edges,
                new float[] {2f, 0.5f}, new float[] {-1f, 1f}, 1.0));
        out.add(new Trial("the same values at half strength", edges, new float[] {2f, 0.5f}, new float[] {-1f, 1f}, 0.5));
        out.add(new Trial("strength zero", edges, new float[] {-3f, 2f}, new float[] {-5f, 5f}, 0.0));
        out.add(new Trial("30 random values, a shrinking map, a low strength", gaussian(r, 30, 0, 2),
                new float[] {0.4f, -0.2f}, new float[] {-1.5f, 2.5f}, 0.3));
        out.add(new Trial("30 random values, an unbounded support, a high strength", gaussian(r, 30, 1, 1),
                new float[] {1.3f, 0.7f}, new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, 0.8));
        return out;
    }

    @Override
    protected Object apply(UnitTransport f, Trial t, ExerciseContext context) {
        return f.apply(((float[]) t.args()[0]).clone(), ((float[]) t.args()[1]).clone(),
                ((float[]) t.args()[2]).clone(), (double) t.args()[3]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        float[] x = (float[]) t.args()[0], ab = (float[]) t.args()[1], lh = (float[]) t.args()[2];
        TransportMap one = new TransportMap(UnitLayout.of(List.of("unit"), new int[] {1}),
                new float[] {ab[0]}, new float[] {ab[1]}, new float[] {lh[0]}, new float[] {lh[1]});
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) one.apply(0, x[i], (double) t.args()[3]);
        return out;
    }
}

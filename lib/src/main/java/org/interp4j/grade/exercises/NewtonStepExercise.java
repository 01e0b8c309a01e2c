package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.NegationTuningExercises.fitOne;
import static org.interp4j.grade.exercises.NegationTuningExercises.unitDataSets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise.Trial;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.NegationTuningExercises.NewtonStep;
import org.interp4j.probe.UnitProbeResult;

/**
 * 01.newton-step: one step of Newton's method for {@code P(y=1) = σ(intercept + beta·x)}. Each trial
 * starts where the library's own iteration stands after k−1 steps (k = 1: at zero), and the
 * reference is the library after k steps; pure float64 arithmetic on given inputs, so the
 * tolerance only covers the library's 1e-10 ridge and summation order.
 */
final class NewtonStepExercise extends FunctionExercise<NewtonStep> {

    NewtonStepExercise() {
        super("01.newton-step", "newtonStep", NewtonStep.class,
                "(activations, labels, intercept, beta) -> new double[] {intercept, beta} after one step",
                "with p = sigmoid(intercept + beta*x) for every sample, the gradient of the log-likelihood is "
                        + "X^T (y - p) and the Hessian of its negative is X^T W X with weights w = p(1-p), where X has "
                        + "a column of ones (the intercept) and a column of activations. The step ADDS the solution "
                        + "of the 2x2 system (X^T W X) step = X^T (y - p) to both parameters.",
                new Tolerance(1e-8, 1e-6));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        List<Trial> out = new ArrayList<>();
        int[][] stepsFor = {{1, 2}, {1, 3}, {1, 2, 4}, {1, 3}, {2, 5}};
        List<Trial> data = unitDataSets();
        for (int d = 0; d < data.size(); d++) {
            float[] x = (float[]) data.get(d).args()[0];
            int[] y = (int[]) data.get(d).args()[1];
            for (int k : stepsFor[d]) {
                double a = 0, b = 0;
                if (k > 1) {
                    UnitProbeResult start = fitOne(x, y, k - 1);
                    a = start.intercept()[0];
                    b = start.beta()[0];
                }
                String where = k == 1 ? "from intercept = beta = 0" : "from the parameters after " + (k - 1) + " steps";
                out.add(new Trial(data.get(d).description() + ", " + where, x, y, a, b, k));
            }
        }
        return out;
    }

    @Override
    protected Object apply(NewtonStep f, Trial t, ExerciseContext context) {
        return f.step(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone(),
                (double) t.args()[2], (double) t.args()[3]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        UnitProbeResult r = fitOne((float[]) t.args()[0], (int[]) t.args()[1], (int) t.args()[4]);
        return new double[] {r.intercept()[0], r.beta()[0]};
    }

    /** Names the parameter that is off (intercept or slope), never its value. */
    @Override
    protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
        if (!got.isArray() || got.size() != 2) {
            String p = super.compare(got, want, trial, context);
            return p == null ? null : p + " (return new double[] {intercept, beta})";
        }
        String[] names = {"the new intercept", "the new beta"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String p = super.compare(got.get(i), want.get(i), trial, context);
            if (p != null) parts.add(p.replaceFirst("^the result", names[i]));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}

package org.interp4j.grade.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.FunctionExercise.Trial;
import org.interp4j.probe.UnitProbeResult;
import org.interp4j.probe.UnitProbes;

/** Implement-it exercises of lecture 01 (negation tuning). */
public final class NegationTuningExercises {

    private NegationTuningExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new TargetRule(), new NewtonStepExercise(), new WaldZ(), new TunedPercent());
    }

    /** One Newton step of a one-unit logistic regression: from (intercept, beta) to the next (intercept, beta). */
    @FunctionalInterface
    public interface NewtonStep {
        double[] step(float[] activations, int[] labels, double intercept, double beta);
    }

    /** The Wald z of a fitted one-unit logistic regression's slope. */
    @FunctionalInterface
    public interface WaldStatistic {
        double z(float[] activations, int[] labels, double intercept, double beta);
    }

    // ---- 01.target-rule ---------------------------------------------------------------------------

    // ---- logistic regression of one unit ----------------------------------------------------------

    /**
     * Small one-unit data sets where neither class separates from the other: class 1 shifted by
     * {@code shift} standard deviations, on an offset, so a probe has a finite slope.
     */
    static Trial unitData(String description, long seed, int n, double shift, double offset, double scale) {
        Random r = new Random(seed);
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : r.nextInt(2);
            x[i] = (float) (offset + scale * (r.nextGaussian() + shift * y[i]));
        }
        return new Trial(description, x, y);
    }

    static List<Trial> unitDataSets() {
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("10 activations by hand",
                new float[] {0.1f, -0.4f, 0.8f, 1.2f, -1.0f, 0.3f, 0.9f, -0.2f, 0.5f, -0.7f},
                new int[] {0, 0, 1, 1, 0, 1, 0, 0, 1, 1}));
        out.add(unitData("40 activations, weak unit", 11, 40, 0.3, 0, 1));
        out.add(unitData("200 activations, strong unit", 12, 200, 1.5, 0, 1));
        out.add(unitData("120 activations far from zero (offset 8)", 13, 120, 1.0, 8, 0.5));
        out.add(unitData("150 activations of a unit that fires lower for class 1", 14, 150, -1.2, 0.5, 2));
        return out;
    }

    static UnitProbeResult fitOne(float[] x, int[] y, int maxIter) {
        float[][] rows = new float[x.length][1];
        for (int i = 0; i < x.length; i++) rows[i][0] = x[i];
        return UnitProbes.fit(rows, y, new UnitProbes.Options(maxIter, 1e-8, 1e-10, false));
    }

    // ---- 01.tuned-percent -------------------------------------------------------------------------
}

package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.NegationTuningExercises.fitOne;
import static org.interp4j.grade.exercises.NegationTuningExercises.unitDataSets;

import java.util.ArrayList;
import java.util.List;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise.Trial;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.NegationTuningExercises.WaldStatistic;
import org.interp4j.probe.UnitProbeResult;

/**
 * 01.wald-z: the slope's Wald statistic z = beta / SE(beta) at the fitted parameters, SE from the
 * inverse of the Hessian X^T W X. The inputs are the library's fit; the reference is its z.
 */
final class WaldZ extends FunctionExercise<WaldStatistic> {

    WaldZ() {
        super("01.wald-z", "waldZ", WaldStatistic.class,
                "(activations, labels, intercept, beta) -> z of the slope",
                "the covariance of the two fitted parameters is the inverse of the 2x2 matrix X^T W X (weights "
                        + "w = p(1-p) at the fitted parameters, X = [1, x]); the slope's variance is the diagonal entry "
                        + "of that inverse that belongs to the slope, and z = beta / sqrt(variance).",
                new Tolerance(1e-9, 1e-6));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        List<Trial> out = new ArrayList<>();
        for (Trial d : unitDataSets()) {
            UnitProbeResult fit = fitOne((float[]) d.args()[0], (int[]) d.args()[1], 3000);
            out.add(new Trial(d.description() + ", at its fitted parameters", d.args()[0], d.args()[1],
                    fit.intercept()[0], fit.beta()[0]));
        }
        return out;
    }

    @Override
    protected Object apply(WaldStatistic f, Trial t, ExerciseContext context) {
        return f.z(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone(),
                (double) t.args()[2], (double) t.args()[3]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return fitOne((float[]) t.args()[0], (int[]) t.args()[1], 3000).z()[0];
    }
}

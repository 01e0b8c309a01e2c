package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.ExpertUnitsExercises.randomLabels;
import static org.interp4j.grade.exercises.ExpertUnitsExercises.randomScores;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interp4j.expertise.Expertise;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;

/**
 * 02.on-p50: the median response on positive samples, as NumPy's {@code np.percentile(q=50)}
 * computes it (linear interpolation between the two middle values), which is what ml-selfcond
 * forces an expert to.
 */
final class OnP50 extends ScoresAndLabelsExercise {

    OnP50() {
        // Arithmetic on given inputs; 1e-6 leaves room for a float instead of a double midpoint.
        super("02.on-p50", "onP50",
                "(responses, labels) -> on_p50",
                "keep only the responses of samples labelled 1, sort them, and take the middle one; with an even "
                        + "number of positives, the point halfway between the two middle values (NumPy's linear "
                        + "percentile at q = 50).",
                new Tolerance(1e-6, 1e-6));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(50);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("5 positives (odd) among 8 samples",
                new float[] {0.4f, 2.0f, -1.0f, 3.5f, 0.9f, 5.0f, 1.2f, -0.3f}, new int[] {1, 0, 1, 1, 0, 1, 0, 1}));
        out.add(new Trial("4 positives (even) among 7 samples",
                new float[] {2.5f, -0.5f, 7.0f, 1.0f, 4.0f, 0.0f, 3.0f}, new int[] {1, 0, 1, 0, 1, 0, 1}));
        out.add(new Trial("a single positive", new float[] {0.2f, 0.7f, -0.1f}, new int[] {0, 1, 0}));
        out.add(new Trial("6 positives with tied responses, all negative values",
                new float[] {-2f, -1f, -1f, -3f, -1f, -0.5f, -4f, -0.25f}, new int[] {1, 1, 1, 0, 0, 1, 0, 1}));
        out.add(new Trial("60 positives among 120 random responses", randomScores(r, 120, 0), randomLabels(r, 120, 0.5)));
        out.add(new Trial("about a third positives among 90 random responses", randomScores(r, 90, 0), randomLabels(r, 90, 0.37)));
        return out;
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        float[] x = (float[]) t.args()[0];
        int[] y = (int[]) t.args()[1];
        return Expertise.compute(x, x.length, 1, y, null).onP50()[0];
    }
}

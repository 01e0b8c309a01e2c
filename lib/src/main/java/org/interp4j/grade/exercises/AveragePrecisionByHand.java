package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.ExpertUnitsExercises.randomLabels;
import static org.interp4j.grade.exercises.ExpertUnitsExercises.randomScores;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interp4j.expertise.AveragePrecision;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;

/**
 * 02.ap-by-hand: average precision of one unit's scores against 0/1 labels, from its
 * definition, ties handled as scikit-learn does (tied scores form one threshold).
 */
final class AveragePrecisionByHand extends ScoresAndLabelsExercise {

    AveragePrecisionByHand() {
        // Pure arithmetic on given inputs: the library agrees with a correct sum to rounding.
        super("02.ap-by-hand", "averagePrecision",
                "(scores, labels) -> average precision",
                "sort by score, largest first; at each distinct score (a threshold) take precision and recall of "
                        + "everything at or above it; AP is the sum of precision times the increase in recall. "
                        + "Tied scores count as one threshold.",
                new Tolerance(1e-9, 1e-9));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(2022);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("6 distinct scores, positives on top",
                new float[] {0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f}, new int[] {1, 1, 0, 1, 0, 0}));
        out.add(new Trial("6 distinct scores, positives at the bottom",
                new float[] {0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f}, new int[] {0, 0, 0, 0, 1, 1}));
        out.add(new Trial("8 scores with ties across the classes",
                new float[] {1f, 1f, 0.5f, 0.5f, 0.5f, 0f, 0f, 2f}, new int[] {1, 0, 1, 0, 0, 1, 0, 0}));
        out.add(new Trial("5 equal scores", new float[] {3f, 3f, 3f, 3f, 3f}, new int[] {0, 1, 0, 1, 1}));
        out.add(new Trial("120 random scores in unsorted order", randomScores(r, 120, 0), randomLabels(r, 120, 0.5)));
        out.add(new Trial("200 scores rounded to one decimal (many ties)", randomScores(r, 200, 1), randomLabels(r, 200, 0.3)));
        return out;
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return AveragePrecision.of((float[]) t.args()[0], (int[]) t.args()[1]);
    }
}

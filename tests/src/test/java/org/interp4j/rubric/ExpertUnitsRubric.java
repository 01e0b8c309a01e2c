package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/02-expert-units.ipynb. Every exercise is implement-it: the student's
 * function runs on the exercise's test inputs and is compared with the library's on the same inputs
 * (org.interp4j.grade.exercises.ExpertUnitsExercises).
 */
@Rubric(notebook = "02-expert-units.ipynb")
public class ExpertUnitsRubric extends NotebookRubric {

    @Test
    @Exercise(id = "02.ap-by-hand", points = 2)
    void apByHand() {
        expect();
    }

    @Test
    @Exercise(id = "02.top-experts")
    void topExperts() {
        expect();
    }

    @Test
    @Exercise(id = "02.on-p50")
    void onP50() {
        expect();
    }

    @Test
    @Exercise(id = "02.forcing-hook", points = 2)
    void forcingHook() {
        expect();
    }
}

package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/01-negation-tuning.ipynb. Every exercise is implement-it: the
 * student's function and the library's run on the same test inputs (see
 * {@code NegationTuningExercises}). The notebook runs the model over all 30 layers in one cell, so a
 * cell may take longer than usual.
 */
@Rubric(notebook = "01-negation-tuning.ipynb", cellTimeoutSeconds = 900)
public class NegationTuningRubric extends NotebookRubric {

    @Test
    @Exercise(id = "01.target-rule", points = 2)
    void targetRule() {
        expect();
    }

    @Test
    @Exercise(id = "01.newton-step", points = 2)
    void newtonStep() {
        expect();
    }

    @Test
    @Exercise(id = "01.wald-z")
    void waldZ() {
        expect();
    }

    @Test
    @Exercise(id = "01.tuned-percent")
    void tunedPercent() {
        expect();
    }
}

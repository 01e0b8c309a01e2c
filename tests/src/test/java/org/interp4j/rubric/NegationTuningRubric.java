package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/01-negation-tuning.ipynb: values recorded from the solution. The
 * notebook runs the model over all 30 layers in one cell, so a cell may take longer than usual.
 */
@Rubric(notebook = "01-negation-tuning.ipynb", cellTimeoutSeconds = 900)
public class NegationTuningRubric extends NotebookRubric {

    @Test
    @Exercise(id = "01.targets")
    void targets() {
        expect();
    }

    @Test
    @Exercise(id = "01.windows")
    void windows() {
        expect();
    }

    @Test
    @Exercise(id = "01.strong-units", points = 2)
    void strongUnits() {
        expect();
    }

    @Test
    @Exercise(id = "01.best-unit", points = 2)
    void bestUnit() {
        expect();
    }
}

package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/** Grading rubric of notebooks/02-expert-units.ipynb: values recorded from the solution. */
@Rubric(notebook = "02-expert-units.ipynb")
public class ExpertUnitsRubric extends NotebookRubric {

    @Test
    @Exercise(id = "02.ap-by-hand")
    void apByHand() {
        expect();
    }

    @Test
    @Exercise(id = "02.experts-per-layer", points = 2)
    void expertsPerLayer() {
        expect();
    }

    @Test
    @Exercise(id = "02.best-unit")
    void bestUnit() {
        expect();
    }

    @Test
    @Exercise(id = "02.on-p50")
    void onP50() {
        expect();
    }
}

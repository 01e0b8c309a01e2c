package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/05-decomposition.ipynb: every exercise is a function the student writes,
 * run on the exercise's test inputs and compared with the library's implementation of the same step.
 */
@Rubric(notebook = "05-decomposition.ipynb")
public class DecompositionRubric extends NotebookRubric {

    @Test
    @Exercise(id = "05.sum-parts")
    void sumOfParts() {
        expect();
    }

    @Test
    @Exercise(id = "05.delta-lp", points = 2)
    void deltaLp() {
        expect();
    }

    @Test
    @Exercise(id = "05.top-source")
    void topSource() {
        expect();
    }

    @Test
    @Exercise(id = "05.mean-by-distance", points = 2)
    void meanByDistance() {
        expect();
    }
}

package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/03-conditioned-generation.ipynb: every exercise is an implement-it
 * exercise, the student's function against the library's on the same inputs.
 */
@Rubric(notebook = "03-conditioned-generation.ipynb")
public class ConditionedGenerationRubric extends NotebookRubric {

    @Test
    @Exercise(id = "03.fit-unit", points = 2)
    void fitUnit() {
        expect();
    }

    @Test
    @Exercise(id = "03.support-rule", points = 2)
    void supportRule() {
        expect();
    }

    @Test
    @Exercise(id = "03.mean-difference")
    void meanDifference() {
        expect();
    }

    @Test
    @Exercise(id = "03.perplexity", points = 2)
    void perplexity() {
        expect();
    }
}

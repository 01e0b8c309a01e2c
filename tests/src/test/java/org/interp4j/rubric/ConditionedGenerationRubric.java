package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/** Grading rubric of notebooks/03-conditioned-generation.ipynb: values recorded from the solution. */
@Rubric(notebook = "03-conditioned-generation.ipynb")
public class ConditionedGenerationRubric extends NotebookRubric {

    @Test
    @Exercise(id = "03.strong-experts")
    void strongExperts() {
        expect();
    }

    @Test
    @Exercise(id = "03.forced-per-layer", points = 2)
    void forcedPerLayer() {
        expect();
    }

    @Test
    @Exercise(id = "03.presence", points = 2)
    void presence() {
        expect();
    }

    @Test
    @Exercise(id = "03.fixed-sentence")
    void fixedSentence() {
        expect();
    }

    @Test
    @Exercise(id = "03.act-unit")
    void actUnit() {
        expect();
    }
}

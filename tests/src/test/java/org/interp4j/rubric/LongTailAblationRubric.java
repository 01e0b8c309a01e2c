package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/** Grading rubric of notebooks/04-long-tail-ablation.ipynb: values recorded from the solution. */
@Rubric(notebook = "04-long-tail-ablation.ipynb")
public class LongTailAblationRubric extends NotebookRubric {

    @Test
    @Exercise(id = "04.top-tokens")
    void topTokens() {
        expect();
    }

    @Test
    @Exercise(id = "04.most-aligned")
    void mostAligned() {
        expect();
    }

    @Test
    @Exercise(id = "04.total-direct", points = 2)
    void totalDirect() {
        expect();
    }

    @Test
    @Exercise(id = "04.mediation")
    void mediation() {
        expect();
    }

    @Test
    @Exercise(id = "04.suppress-zero", points = 2)
    void suppressZero() {
        expect();
    }
}

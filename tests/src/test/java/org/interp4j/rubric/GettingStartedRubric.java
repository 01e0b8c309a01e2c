package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/** Grading rubric of notebooks/00-getting-started.ipynb: values recorded from the solution. */
@Rubric(notebook = "00-getting-started.ipynb")
public class GettingStartedRubric extends NotebookRubric {

    @Test
    @Exercise(id = "00.tokens")
    void tokens() {
        expect();
    }

    @Test
    @Exercise(id = "00.next-token")
    void nextToken() {
        expect();
    }

    @Test
    @Exercise(id = "00.top-neuron")
    void topNeuron() {
        expect();
    }

    @Test
    @Exercise(id = "00.layer-effects", points = 2)
    void layerEffects() {
        expect();
    }
}

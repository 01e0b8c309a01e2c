package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/00-getting-started.ipynb. Every exercise is implement-it: the
 * student's function runs on the exercise's test inputs in the submission, and the library's answer
 * is computed by the grader on the same inputs (see GettingStartedExercises).
 */
@Rubric(notebook = "00-getting-started.ipynb")
public class GettingStartedRubric extends NotebookRubric {

    @Test
    @Exercise(id = "00.softmax")
    void softmax() {
        expect();
    }

    @Test
    @Exercise(id = "00.greedy", points = 2)
    void greedy() {
        expect();
    }

    @Test
    @Exercise(id = "00.zero-neuron")
    void zeroNeuron() {
        expect();
    }

    @Test
    @Exercise(id = "00.mlp-drop", points = 2)
    void mlpDrop() {
        expect();
    }
}

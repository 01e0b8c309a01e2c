package org.interp4j.rubric;

import org.interp4j.grade.Exercise;
import org.interp4j.grade.NotebookRubric;
import org.interp4j.grade.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Grading rubric of notebooks/04-long-tail-ablation.ipynb. Every exercise is implement-it: the
 * submission's function runs on the exercise's test inputs and is compared with the library's
 * implementation of the same step, computed by the grader.
 */
@Rubric(notebook = "04-long-tail-ablation.ipynb")
public class LongTailAblationRubric extends NotebookRubric {

    @Test
    @Exercise(id = "04.unigram-direction")
    void unigramDirection() {
        expect();
    }

    @Test
    @Exercise(id = "04.direct-effect", points = 2)
    void directEffect() {
        expect();
    }

    @Test
    @Exercise(id = "04.total-effect", points = 2)
    void totalEffect() {
        expect();
    }

    @Test
    @Exercise(id = "04.surprisal")
    void surprisal() {
        expect();
    }

    @Test
    @Exercise(id = "04.kl")
    void kl() {
        expect();
    }
}

package org.interp4j.grade;

import org.junit.jupiter.api.Test;

/** A second rubric, so the grader's tests have to choose between notebooks. */
@Rubric(notebook = "other-demo.ipynb", solutions = "tests/fixtures/grade/solutions")
public class OtherDemoRubric extends NotebookRubric {

    @Test
    @Exercise(id = "other.answer")
    void answer() {
        requireDone();
    }
}

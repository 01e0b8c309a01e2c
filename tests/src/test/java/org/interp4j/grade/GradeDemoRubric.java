package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Rubric of the grader's own demo notebook (tests/fixtures/grade). Not named *Test: it runs
 * through the {@link Grader}, which gives it a submission, not as a plain unit test.
 */
@Rubric(notebook = "grade-demo.ipynb",
        solutions = "tests/fixtures/grade/solutions",
        expected = "tests/fixtures/grade/expected",
        cellTimeoutSeconds = 30)
public class GradeDemoRubric extends NotebookRubric {

    @Test
    @Exercise(id = "demo.sum", points = 2)
    void sum() {
        expect();
    }

    @Test
    @Exercise(id = "demo.mean")
    void mean() {
        expect();
    }

    @Test
    @Exercise(id = "demo.squares")
    void squares() {
        expect();
    }

    /** Written by hand rather than with expect(), to show a custom check. */
    @Test
    @Exercise(id = "demo.grid")
    void grid() {
        requireDone();
        assertArrayEquals(new long[] {3, 4}, variable("grid").shape(), "grid should have 3 rows of 4");
    }

    @Test
    @Exercise(id = "demo.words")
    void words() {
        expect();
    }
}

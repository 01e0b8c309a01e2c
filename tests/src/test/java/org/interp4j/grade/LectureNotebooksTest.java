package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The course's own notebooks: each student notebook is exactly the release of its solution, and the
 * grader gives the solution full marks, the untouched student notebook zero (run to the end) and a
 * half-done submission partial marks.
 */
class LectureNotebooksTest {

    static List<Path> solutions() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.path("solutions"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void studentNotebooksAreTheReleaseOfTheirSolutions() throws IOException {
        List<Path> all = solutions();
        assertFalse(all.isEmpty());
        for (Path solution : all) {
            Path student = Fixtures.path("notebooks/" + solution.getFileName());
            Notebook released = StudentVersion.of(Notebook.read(solution));
            Notebook committed = Notebook.read(student);
            assertEquals(released.cells().size(), committed.cells().size(), student + " cell count");
            for (int i = 0; i < released.cells().size(); i++) {
                assertEquals(released.cells().get(i).source(), committed.cells().get(i).source(),
                        student + " cell " + i + " differs from the release of " + solution
                                + ": run `java -jar lib/target/interp4j.jar release " + solution + "`");
            }
            for (Cell c : released.exerciseCells()) {
                assertFalse(c.source().contains("BEGIN SOLUTION"), student + " leaks a solution");
                assertTrue(c.source().contains("NotDoneYet"), student + " exercise " + c.exerciseId() + " has no placeholder");
            }
        }
    }

    static int points(List<ScoreLine> lines) {
        return lines.stream().mapToInt(l -> (int) Math.round(l.points())).sum();
    }

    static int max(List<ScoreLine> lines) {
        return lines.stream().mapToInt(l -> (int) Math.round(l.maxPoints())).sum();
    }

    @Test
    void gettingStartedGradesFullZeroAndPartial() throws IOException {
        Grader grader = new Grader(List.of(org.interp4j.rubric.GettingStartedRubric.class))
                .config(RubricConfig.REPO, Fixtures.repo().toString());
        List<ScoreLine> solution = grader.gradeOne(Fixtures.path("solutions/00-getting-started.ipynb"));
        List<ScoreLine> student = grader.gradeOne(Fixtures.path("notebooks/00-getting-started.ipynb"));
        List<ScoreLine> half = grader.gradeOne(Fixtures.path("tests/fixtures/submissions/00-getting-started-half.ipynb"));
        ScoreTable.print(solution, System.out);
        ScoreTable.print(student, System.out);
        ScoreTable.print(half, System.out);
        assertEquals(max(solution), points(solution), "solution should get full marks");
        assertEquals(0, points(student), "untouched student notebook should get zero");
        assertTrue(student.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + student);
        assertEquals(2, points(half), "half-done submission: two 1-point exercises solved");
    }

    @Test
    void decompositionGradesZeroAndPartial() throws IOException {
        Grader grader = new Grader(List.of(org.interp4j.rubric.DecompositionRubric.class))
                .config(RubricConfig.REPO, Fixtures.repo().toString());
        // the solution's full marks come from DecompositionRubric itself
        List<ScoreLine> student = grader.gradeOne(Fixtures.path("notebooks/05-decomposition.ipynb"));
        List<ScoreLine> half = grader.gradeOne(Fixtures.path("tests/fixtures/submissions/05-decomposition-half.ipynb"));
        ScoreTable.print(student, System.out);
        ScoreTable.print(half, System.out);
        assertEquals(4, student.size(), "one row per exercise: " + student);
        assertEquals(0, points(student), "untouched student notebook should get zero");
        assertTrue(student.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + student);
        assertTrue(points(half) > 0 && points(half) < max(half), "half-done submission should be partial: " + half);
        assertEquals(3, points(half), "half-done submission: 05.sum-error (1) and 05.delta-lp (2) solved");
    }
}

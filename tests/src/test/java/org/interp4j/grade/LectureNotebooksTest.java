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
 * grader gives the untouched student notebook zero (run to the end) and a half-done submission
 * partial marks. (Full marks for each solution are asserted by its rubric, which grades it.)
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
    void gettingStartedGradesZeroAndPartial() throws IOException {
        Grader grader = new Grader(List.of(org.interp4j.rubric.GettingStartedRubric.class))
                .config(RubricConfig.REPO, Fixtures.repo().toString());
        List<ScoreLine> student = grader.gradeOne(Fixtures.path("notebooks/00-getting-started.ipynb"));
        List<ScoreLine> half = grader.gradeOne(Fixtures.path("tests/fixtures/submissions/00-getting-started-half.ipynb"));
        ScoreTable.print(student, System.out);
        ScoreTable.print(half, System.out);
        // the solution's full marks are asserted by GettingStartedRubric itself, which grades it
        assertEquals(5, max(student), "the rubric's total");
        assertEquals(0, points(student), "untouched student notebook should get zero");
        assertTrue(student.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + student);
        assertEquals(2, points(half), "half-done submission: two 1-point exercises solved");
    }

    /** The solution's full marks come from NegationTuningRubric; here the untouched and half-done notebooks. */
    @Test
    void negationTuningGradesZeroAndPartial() throws IOException {
        Grader grader = new Grader(List.of(org.interp4j.rubric.NegationTuningRubric.class))
                .config(RubricConfig.REPO, Fixtures.repo().toString());
        List<ScoreLine> student = grader.gradeOne(Fixtures.path("notebooks/01-negation-tuning.ipynb"));
        List<ScoreLine> half = grader.gradeOne(Fixtures.path("tests/fixtures/submissions/01-negation-tuning-half.ipynb"));
        ScoreTable.print(student, System.out);
        ScoreTable.print(half, System.out);
        assertEquals(4, student.size(), "one row per exercise: " + student);
        assertEquals(0, points(student), "untouched student notebook should get zero");
        assertTrue(student.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + student);
        assertTrue(points(half) > 0 && points(half) < max(half),
                "half-done submission (01.targets and 01.strong-units solved) should get partial marks: " + half);
    }

    @Test
    void expertUnitsGradesZeroAndPartial() throws IOException {
        Grader grader = new Grader(List.of(org.interp4j.rubric.ExpertUnitsRubric.class))
                .config(RubricConfig.REPO, Fixtures.repo().toString());
        List<ScoreLine> student = grader.gradeOne(Fixtures.path("notebooks/02-expert-units.ipynb"));
        List<ScoreLine> half = grader.gradeOne(Fixtures.path("tests/fixtures/submissions/02-expert-units-half.ipynb"));
        ScoreTable.print(student, System.out);
        ScoreTable.print(half, System.out);
        // the solution's full marks are asserted by ExpertUnitsRubric itself, which grades it
        assertEquals(5, max(student), "the rubric's total");
        assertEquals(0, points(student), "untouched student notebook should get zero");
        assertTrue(student.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + student);
        int half_ = points(half);
        assertTrue(half_ > 0 && half_ < max(half), "half-done submission should get partial marks, got " + half_);
        assertEquals(2, half_, "half-done submission: 02.ap-by-hand and 02.best-unit solved");
    }
}

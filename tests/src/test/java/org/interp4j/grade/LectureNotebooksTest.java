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

    /**
     * Grades the untouched student notebook (zero, every row "not done yet", run to the end) and the
     * prepared half-done submission (partial). The solution's full marks are asserted by the rubric
     * itself, which grades the solution when it runs as a test.
     */
    static void assertZeroAndPartial(Class<?> rubric, String notebook, int maxPoints, int halfPoints) {
        Grader grader = new Grader(List.of(rubric)).config(RubricConfig.REPO, Fixtures.repo().toString());
        String stem = notebook.replace(".ipynb", "");
        List<ScoreLine> student = grader.gradeOne(Fixtures.path("notebooks/" + notebook));
        List<ScoreLine> half = grader.gradeOne(Fixtures.path("tests/fixtures/submissions/" + stem + "-half.ipynb"));
        ScoreTable.print(student, System.out);
        ScoreTable.print(half, System.out);
        assertEquals(maxPoints, max(student), "the rubric's total");
        assertEquals(0, points(student), "untouched student notebook should get zero");
        assertTrue(student.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + student);
        assertEquals(halfPoints, points(half), "half-done submission: " + half);
        assertTrue(points(half) > 0 && points(half) < max(half));
    }

    @Test
    void gettingStartedGradesZeroAndPartial() {
        assertZeroAndPartial(org.interp4j.rubric.GettingStartedRubric.class, "00-getting-started.ipynb", 6, 2);
    }

    @Test
    void negationTuningGradesZeroAndPartial() {
        assertZeroAndPartial(org.interp4j.rubric.NegationTuningRubric.class, "01-negation-tuning.ipynb", 6, 3);
    }

    @Test
    void expertUnitsGradesZeroAndPartial() {
        assertZeroAndPartial(org.interp4j.rubric.ExpertUnitsRubric.class, "02-expert-units.ipynb", 6, 3);
    }

    @Test
    void conditionedGenerationGradesFullZeroAndPartial() {
        assertZeroAndPartial(org.interp4j.rubric.ConditionedGenerationRubric.class, "03-conditioned-generation.ipynb", 7, 3);
    }

    @Test
    void longTailAblationGradesFullZeroAndPartial() {
        assertZeroAndPartial(org.interp4j.rubric.LongTailAblationRubric.class, "04-long-tail-ablation.ipynb", 7, 4);
    }

    @Test
    void decompositionGradesZeroAndPartial() {
        assertZeroAndPartial(org.interp4j.rubric.DecompositionRubric.class, "05-decomposition.ipynb", 6, 3);
    }
}

package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.interp4j.rubric.ConditionedGenerationRubric;
import org.interp4j.rubric.DecompositionRubric;
import org.interp4j.rubric.ExpertUnitsRubric;
import org.interp4j.rubric.GettingStartedRubric;
import org.interp4j.rubric.LongTailAblationRubric;
import org.interp4j.rubric.NegationTuningRubric;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The course's own notebooks, graded as an instructor grades a class: every variant of every
 * lecture runs once, two notebooks at a time, and each check reads that one run.
 * <ul>
 *   <li>the solution gets full marks — computed in a notebook JVM with <b>one</b> PyTorch thread
 *       while the grader computes the library's answers with the default count, so a forward pass
 *       summed in another order must not cost a correct student a point;</li>
 *   <li>the untouched student notebook gets zero, every row "not done yet", and runs to the end;</li>
 *   <li>a prepared half-done submission gets its partial marks.</li>
 * </ul>
 * The rubric classes themselves are not run a second time by Maven (see tests/pom.xml); this class
 * grades through them. And each student notebook is exactly the release of its solution.
 */
class CourseNotebooksTest {

    /** A lecture, its rubric, and the points of its half-done submission. */
    record Lecture(Class<?> rubric, int maxPoints, int halfPoints) {
        String notebook() {
            return rubric.getAnnotation(Rubric.class).notebook();
        }

        Path solution() {
            return Fixtures.path("solutions/" + notebook());
        }

        Path student() {
            return Fixtures.path("notebooks/" + notebook());
        }

        Path half() {
            return Fixtures.path("tests/fixtures/submissions/" + notebook().replace(".ipynb", "-half.ipynb"));
        }

        @Override
        public String toString() {
            return notebook();
        }
    }

    /** Longest-running lectures first, so that two at a time finish close together. */
    static List<Lecture> lectures() {
        return List.of(
                new Lecture(ConditionedGenerationRubric.class, 7, 3),
                new Lecture(LongTailAblationRubric.class, 7, 4),
                new Lecture(NegationTuningRubric.class, 6, 3),
                new Lecture(ExpertUnitsRubric.class, 6, 3),
                new Lecture(GettingStartedRubric.class, 6, 2),
                new Lecture(DecompositionRubric.class, 6, 3));
    }

    private static List<ScoreLine> lines;

    @BeforeAll
    static void gradeEveryVariantOnce() {
        List<Path> submissions = new ArrayList<>();
        for (Lecture l : lectures()) {
            submissions.addAll(List.of(l.solution(), l.student(), l.half()));
        }
        Grader grader = new Grader(lectures().stream().<Class<?>>map(Lecture::rubric).toList())
                .config(RubricConfig.REPO, Fixtures.repo().toString())
                .config(RubricConfig.THREADS, "1")
                .jobs(2)
                .progress((nb, rows, seconds, done, total) -> System.out.printf("[%d/%d] %s %s: %s points, %.0f s%n",
                        done, total, nb.getParent().getFileName(), nb.getFileName(), ScoreTable.total(rows), seconds));
        lines = grader.grade(submissions);
        ScoreTable.print(lines, System.out);
    }

    private static List<ScoreLine> rows(Path submission) {
        List<ScoreLine> r = lines.stream().filter(l -> l.submission().equals(submission.toString())).toList();
        assertFalse(r.isEmpty(), "no rows for " + submission);
        return r;
    }

    private static double points(List<ScoreLine> rows) {
        return rows.stream().mapToDouble(ScoreLine::points).sum();
    }

    private static double max(List<ScoreLine> rows) {
        return rows.stream().mapToDouble(ScoreLine::maxPoints).sum();
    }

    @ParameterizedTest
    @MethodSource("lectures")
    void solutionGetsFullMarksComputedWithOneThread(Lecture lecture) {
        List<ScoreLine> r = rows(lecture.solution());
        StringBuilder lost = new StringBuilder();
        r.stream().filter(l -> l.points() < l.maxPoints())
                .forEach(l -> lost.append(l.exercise()).append(": ").append(l.message()).append('\n'));
        assertEquals("", lost.toString(), "exercises the solution loses with one thread");
        assertEquals(lecture.maxPoints(), max(r), "the rubric's total");
    }

    @ParameterizedTest
    @MethodSource("lectures")
    void untouchedStudentNotebookGetsZero(Lecture lecture) {
        List<ScoreLine> r = rows(lecture.student());
        assertEquals(lecture.maxPoints(), max(r), "the rubric's total");
        assertEquals(0, points(r), "untouched student notebook should get zero");
        assertTrue(r.stream().allMatch(l -> l.message().contains("not done yet")), "student rows: " + r);
    }

    @ParameterizedTest
    @MethodSource("lectures")
    void halfDoneSubmissionGetsPartialMarks(Lecture lecture) {
        List<ScoreLine> r = rows(lecture.half());
        assertEquals(lecture.halfPoints(), points(r), "half-done submission: " + r);
        assertTrue(points(r) > 0 && points(r) < max(r));
    }

    @Test
    void everyLectureIsHere() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.path("solutions"))) {
            List<String> files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList();
            assertEquals(files, lectures().stream().map(Lecture::notebook).sorted().toList());
        }
    }

    @Test
    void studentNotebooksAreTheReleaseOfTheirSolutions() throws IOException {
        for (Lecture lecture : lectures()) {
            Notebook released = StudentVersion.of(Notebook.read(lecture.solution()));
            Notebook committed = Notebook.read(lecture.student());
            assertEquals(released.cells().size(), committed.cells().size(), lecture.student() + " cell count");
            for (int i = 0; i < released.cells().size(); i++) {
                assertEquals(released.cells().get(i).source(), committed.cells().get(i).source(),
                        lecture.student() + " cell " + i + " differs from the release of " + lecture.solution()
                                + ": run `java -jar lib/target/interp4j.jar release " + lecture.solution() + "`");
            }
            for (Cell c : released.exerciseCells()) {
                assertFalse(c.source().contains("BEGIN SOLUTION"), lecture.student() + " leaks a solution");
                assertTrue(c.source().contains("NotDoneYet"), lecture.student() + " exercise " + c.exerciseId() + " has no placeholder");
            }
        }
    }
}

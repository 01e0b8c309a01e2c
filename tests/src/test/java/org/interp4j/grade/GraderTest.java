package org.interp4j.grade;

import static org.interp4j.grade.DemoSubmissions.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grades the demo submissions in one go, two at a time, as {@code interp4j grade --jobs 2} would,
 * and checks every row.
 * The fixtures are copied to a temporary repository first because the cheating submission tries
 * to rewrite the expected values on disk.
 */
class GraderTest {

    private static Path repoCopy;
    private static String originalExpected;
    private static List<Path> submissions;
    private static List<ScoreLine> lines;
    private static long childrenAfterGrading;

    @BeforeAll
    static void gradeAll() throws IOException {
        repoCopy = DemoSubmissions.copyToTemporaryRepo("interp4j-grade-repo-");
        Path to = repoCopy.resolve("tests/fixtures/grade");
        originalExpected = Files.readString(to.resolve("expected/grade-demo.json"));
        Path subs = to.resolve("submissions");
        submissions = List.of(
                to.resolve("solutions/grade-demo.ipynb"),
                to.resolve("notebooks/grade-demo.ipynb"),
                subs.resolve("half/grade-demo.ipynb"),
                subs.resolve("broken/grade-demo.ipynb"),
                subs.resolve("missing/grade-demo.ipynb"),
                subs.resolve("cheat/grade-demo.ipynb"),
                subs.resolve("exit/grade-demo.ipynb"),
                subs.resolve("loop/grade-demo.ipynb"));
        lines = new Grader(List.of(GradeDemoRubric.class))
                .config(RubricConfig.REPO, repoCopy.toString())
                .config(RubricConfig.CELL_TIMEOUT, "10")
                .jobs(2)
                .grade(submissions);
        ScoreTable.print(lines, System.out);
        childrenAfterGrading = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    @Test
    void everyNotebookJvmIsGoneAfterGrading() {
        assertEquals(0, childrenAfterGrading);
    }

    @Test
    void rowsComeInTheOrderOfTheSubmissions() {
        List<String> order = lines.stream().map(ScoreLine::submission).distinct().toList();
        assertEquals(submissions.stream().map(Path::toString).toList(), order);
    }

    private static Map<String, ScoreLine> rows(String folder) {
        return DemoSubmissions.rows(lines, folder);
    }

    @Test
    void solutionGetsFullMarks() {
        DemoSubmissions.assertSolutionGetsFullMarks(lines);
        assertEquals(2, rows("solutions").get("demo.sum").maxPoints());
    }

    @Test
    void untouchedStudentNotebookGetsZeroAsNotDoneYet() {
        Map<String, ScoreLine> r = rows("notebooks");
        assertEquals(0, total(r));
        r.values().forEach(l -> assertEquals("not done yet", l.message(), l.toString()));
    }

    @Test
    void halfDoneSubmissionGetsPartialMarks() {
        Map<String, ScoreLine> r = rows("half");
        assertEquals(3, total(r), r.toString());
        assertEquals(2, r.get("demo.sum").points());
        assertEquals(1, r.get("demo.squares").points());
        assertTrue(r.get("demo.mean").message().contains("mean is 10-50% too small"), r.get("demo.mean").message());
        assertFalse(r.get("demo.mean").message().contains("3.875"), "never the expected value: " + r.get("demo.mean").message());
        assertTrue(r.get("demo.mean").message().endsWith("Hint: divide as doubles, not ints"));
        assertEquals("not done yet", r.get("demo.grid").message());
    }

    @Test
    void invalidJsonAndMissingFileGiveClearRows() {
        rows("broken").values().forEach(l -> {
            assertEquals(0, l.points());
            assertTrue(l.message().startsWith("the notebook is not valid JSON (line 1, column 58)"), l.message());
        });
        rows("missing").values().forEach(l -> {
            assertEquals(0, l.points());
            assertEquals("cannot read the notebook: file not found", l.message());
        });
    }

    @Test
    void loopingCellsCostOnlyTheirOwnPoints() {
        DemoSubmissions.assertLoopingCellsCostOnlyTheirOwnPoints(lines);
    }

    @Test
    void exitCostsOnlyItsOwnCell() {
        DemoSubmissions.assertExitCostsOnlyItsOwnCell(lines);
    }

    @Test
    void cheatingGetsOnlyWhatItEarned() throws IOException {
        Map<String, ScoreLine> r = rows("cheat");
        assertEquals(2, total(r), r.toString());
        assertEquals(2, r.get("demo.sum").points());
        assertTrue(r.get("demo.squares").message().contains("squares has shape [1]; the method gives shape [5]"),
                r.get("demo.squares").message());
        // Its relative file went to its own temporary directory, not here.
        assertFalse(Files.exists(Path.of("grades.csv")));
        // It did rewrite the expected values on disk, yet the next submission was graded on the
        // values read before any submission ran (exit's grid earned its point above).
        assertNotEquals(originalExpected, Files.readString(repoCopy.resolve("tests/fixtures/grade/expected/grade-demo.json")));
        assertEquals(1, rows("exit").get("demo.grid").points());
    }

    @Test
    void csvHasExactlyTheFiveColumns() throws IOException {
        Path csv = repoCopy.resolve("out/grades.csv");
        ScoreTable.writeCsv(lines, csv);
        List<String> text = Files.readAllLines(csv);
        assertEquals("submission,exercise,points,max_points,message", text.get(0));
        assertEquals(lines.size() + 1, text.size());
        assertTrue(text.stream().skip(1).allMatch(l -> l.split(",", -1).length >= 5));
        assertTrue(text.contains(repoCopy.resolve("tests/fixtures/grade/solutions/grade-demo.ipynb") + ",demo.sum,2,2,ok"),
                String.join("\n", text));
    }

    @Test
    void unknownNotebookGetsOneClearRow() {
        List<ScoreLine> r = new Grader(List.of(GradeDemoRubric.class, OtherDemoRubric.class))
                .gradeOne(Path.of("other-notebook.ipynb"));
        assertEquals(1, r.size());
        assertTrue(r.get(0).message().startsWith("no rubric for this notebook"), r.get(0).message());
    }

    @Test
    void rubricClassesAreFoundInCompiledTestClasses() throws IOException {
        Path classes = Path.of(GradeDemoRubric.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<Class<?>> found = RubricFinder.find(List.of(classes));
        assertTrue(found.stream().anyMatch(c -> c.getName().equals(GradeDemoRubric.class.getName())), found.toString());
        assertTrue(found.stream().anyMatch(c -> c.getName().equals(OtherDemoRubric.class.getName())), found.toString());
    }
}

package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.grade.RubricConfig;
import org.interp4j.grade.ScoreLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grader's demo submissions on Spark local[2]: one that calls System.exit and one that loops forever
 * are graded next to the solution; each costs only its own cells, the executor survives and every task
 * ends in one attempt.
 */
class HostileSubmissionsTest {

    static Path repo;
    static List<ScoreLine> lines;
    static String progress;

    @BeforeAll
    static void gradeOnSpark() throws IOException {
        // A copy, as GraderTest does: grading must not touch the repository's own fixtures.
        repo = Files.createTempDirectory("interp4j-cluster-grade-");
        Path from = WordLevelModel.repo().resolve("tests/fixtures/grade");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = repo.resolve("tests/fixtures/grade").resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        Path grade = repo.resolve("tests/fixtures/grade");
        List<Path> submissions = List.of(grade.resolve("solutions/grade-demo.ipynb"),
                grade.resolve("submissions/exit/grade-demo.ipynb"), grade.resolve("submissions/loop/grade-demo.ipynb"));
        SubmissionGrading grading = new SubmissionGrading(List.of(Rubrics.classes().toString()),
                Map.of(RubricConfig.REPO, repo.toString(), RubricConfig.CELL_TIMEOUT, "10"));
        java.io.StringWriter err = new java.io.StringWriter();
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("hostile"))) {
            lines = GradeJob.run(sc, submissions, grading, new java.io.PrintWriter(err, true));
        }
        progress = err.toString();
        System.err.print(progress);
    }

    private static Map<String, ScoreLine> rows(String folder) {
        String marker = "/" + folder + "/grade-demo.ipynb";
        Map<String, ScoreLine> out = lines.stream().filter(l -> l.submission().endsWith(marker))
                .collect(Collectors.toMap(ScoreLine::exercise, l -> l));
        assertEquals(5, out.size(), "one row per exercise for " + folder + ": " + lines);
        return out;
    }

    private static double total(Map<String, ScoreLine> rows) {
        return rows.values().stream().mapToDouble(ScoreLine::points).sum();
    }

    @Test
    void theSolutionNextToThemGetsFullMarks() {
        Map<String, ScoreLine> r = rows("solutions");
        assertEquals(6, total(r), r.toString());
        r.values().forEach(l -> assertEquals("ok", l.message()));
    }

    @Test
    void exitCostsOnlyItsOwnCell() {
        Map<String, ScoreLine> r = rows("exit");
        assertEquals(5, total(r), r.toString());
        assertEquals("the cell called System.exit(1)", r.get("demo.mean").message());
    }

    @Test
    void loopingCellsCostOnlyTheirOwnPoints() {
        Map<String, ScoreLine> r = rows("loop");
        assertEquals(4, total(r), r.toString());
        assertTrue(r.get("demo.mean").message().contains("did not finish within 10.0 s"), r.get("demo.mean").message());
        assertEquals(1, r.get("demo.words").points(), "the cell after the killed one still counts");
    }

    @Test
    void everyTaskEndsInOneAttemptAndTheOrderIsKept() {
        assertTrue(progress.contains("3/3 submissions done"), progress);
        assertTrue(progress.contains("0 failed task attempt(s)"), progress);
        assertEquals(List.of("solutions", "exit", "loop"), lines.stream().map(l -> l.submission().split("/"))
                .map(p -> p[p.length - 2]).distinct().toList());
    }
}

package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.grade.DemoSubmissions;
import org.interp4j.grade.RubricConfig;
import org.interp4j.grade.ScoreLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grader's demo submissions on Spark local[2]: one that calls System.exit and one that loops forever
 * are graded next to the solution; each costs only its own cells (the same rows as the single-machine
 * GraderTest asks for, from {@link DemoSubmissions}), the executor survives and every task ends in one attempt.
 */
class HostileSubmissionsTest {

    static Path repo;
    static List<ScoreLine> lines;
    static String progress;

    @BeforeAll
    static void gradeOnSpark() throws IOException {
        repo = DemoSubmissions.copyToTemporaryRepo("interp4j-cluster-grade-");
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

    @Test
    void theSolutionNextToThemGetsFullMarks() {
        DemoSubmissions.assertSolutionGetsFullMarks(lines);
    }

    @Test
    void exitCostsOnlyItsOwnCell() {
        DemoSubmissions.assertExitCostsOnlyItsOwnCell(lines);
    }

    @Test
    void loopingCellsCostOnlyTheirOwnPoints() {
        DemoSubmissions.assertLoopingCellsCostOnlyTheirOwnPoints(lines);
    }

    @Test
    void everyTaskEndsInOneAttemptAndTheOrderIsKept() {
        assertTrue(progress.contains("3/3 submissions done"), progress);
        assertTrue(progress.contains("0 failed task attempt(s)"), progress);
        assertEquals(List.of("solutions", "exit", "loop"), lines.stream().map(l -> l.submission().split("/"))
                .map(p -> p[p.length - 2]).distinct().toList());
    }
}

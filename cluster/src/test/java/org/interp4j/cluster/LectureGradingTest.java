package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.grade.Grader;
import org.interp4j.grade.RubricConfig;
import org.interp4j.grade.ScoreLine;
import org.interp4j.grade.ScoreTable;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The solution, student and half-done notebooks of lecture 00, graded once by the single-machine
 * {@link Grader} (two notebooks at a time) and once on Spark local[2] (one task per notebook, more tasks
 * than cores): the CSV rows must be the same. Full, zero and partial marks are all there, which is what
 * the comparison needs; the other lectures' notebooks are graded by tests/'s CourseNotebooksTest, and the
 * Spark path is the same for every notebook. Each notebook takes 15–40 s to grade, so this is the slow
 * test of the module.
 */
class LectureGradingTest {

    static final List<String> NOTEBOOKS = List.of(
            "solutions/00-getting-started.ipynb", "notebooks/00-getting-started.ipynb",
            "tests/fixtures/submissions/00-getting-started-half.ipynb");

    static List<ScoreLine> single, spark;
    static String progress;
    static double singleSeconds, sparkSeconds;

    @BeforeAll
    static void gradeBothWays() throws IOException {
        Path repo = Fixtures.repo();
        List<Path> submissions = NOTEBOOKS.stream().map(repo::resolve).toList();
        Map<String, String> config = Map.of(RubricConfig.REPO, repo.toString());

        long t0 = System.nanoTime();
        Grader grader = Grader.fromRoots(List.of(Rubrics.classes())).jobs(2);
        config.forEach(grader::config);
        single = grader.grade(submissions);
        singleSeconds = (System.nanoTime() - t0) / 1e9;

        SubmissionGrading grading = new SubmissionGrading(List.of(Rubrics.classes().toString()), config);
        java.io.StringWriter err = new java.io.StringWriter();
        long t1 = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("lectures"))) {
            spark = GradeJob.run(sc, submissions, grading, new java.io.PrintWriter(err, true));
        }
        sparkSeconds = (System.nanoTime() - t1) / 1e9;
        progress = err.toString();
        System.err.print(progress);
        System.err.printf("single machine %.1f s, Spark local[2] %.1f s%n", singleSeconds, sparkSeconds);
        ScoreTable.print(spark, System.out);
    }

    @Test
    void sparkGivesTheSingleMachineCsv() {
        assertEquals(ScoreTable.csv(single), ScoreTable.csv(spark));
    }

    @Test
    void theRowsAreRealGrades() {
        // Guards the comparison above against two equally empty or equally broken runs.
        double solution = 0, max = 0, student = 0;
        for (ScoreLine l : spark) {
            if (l.submission().contains("/solutions/")) {
                solution += l.points();
                max += l.maxPoints();
            } else if (l.submission().contains("/notebooks/")) {
                student += l.points();
            }
        }
        assertTrue(max > 0, "the rubric has exercises: " + spark);
        assertEquals(max, solution, "the solutions get full marks: " + ScoreTable.csv(spark));
        assertEquals(0, student, "untouched student notebooks get nothing");
        assertTrue(spark.stream().anyMatch(l -> l.submission().contains("-half") && l.points() > 0)
                && spark.stream().anyMatch(l -> l.submission().contains("-half") && l.points() == 0 && l.maxPoints() > 0),
                "half-done notebooks get part of the marks");
        assertTrue(progress.contains("3/3 submissions done"), progress);
    }
}

package org.interp4j.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.cli.GradingOptions;
import org.interp4j.grade.Grader;
import org.interp4j.grade.ScoreLine;
import org.interp4j.grade.ScoreTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j-cluster grade}: {@code interp4j grade} with one Spark task per submission. The table
 * and the CSV are written once, by the driver, after every submission is graded.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {
            "Grade notebooks with the course rubric, one Spark task per notebook; prints the table of interp4j grade.",
            "Notebooks, --rubric and --repo must be at paths every executor can read (a shared folder on a cluster).",
            "Progress goes to stderr. Exit status 0 whenever grading ran, whatever the scores."})
public final class ClusterGradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK", arity = "1..*",
            description = "Submitted .ipynb files, at paths every executor can read (a shared folder on a cluster).")
    List<Path> notebooks = new ArrayList<>();

    @Mixin
    GradingOptions grading = new GradingOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        grading.missingRubric().ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        List<Path> roots = grading.roots();
        // Checked here so that a wrong --rubric fails at once, not in every task.
        if (Grader.fromRoots(roots).rubrics().isEmpty()) {
            throw new IllegalArgumentException("no @Rubric classes found in " + roots + ": pass the compiled rubric with --rubric");
        }
        if (grading.timeout != null && grading.timeout < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + grading.timeout);
        }
        SubmissionGrading tasks = new SubmissionGrading(
                roots.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(), grading.config());
        List<ScoreLine> lines;
        try (JavaSparkContext sc = spark.start("interp4j grade")) {
            lines = GradeJob.run(sc, notebooks, tasks, spec.commandLine().getErr());
        }
        // ScoreTable prints to a stream; the command's writer is what callers (and tests) capture.
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ScoreTable.print(lines, new PrintStream(table, true, StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(table.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        if (grading.csv != null) {
            ScoreTable.writeCsv(lines, grading.csv);
        }
        return 0;
    }
}

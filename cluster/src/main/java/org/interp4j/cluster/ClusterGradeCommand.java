package org.interp4j.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.grade.Grader;
import org.interp4j.grade.RubricConfig;
import org.interp4j.grade.ScoreLine;
import org.interp4j.grade.ScoreTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j-cluster grade}: {@code interp4j grade} with one Spark task per submission. The table
 * and the CSV are written once, by the driver, after every submission is graded.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {
            "Grade notebooks with the course rubric, one Spark task per notebook; prints the table of interp4j grade.",
            "Progress goes to stderr. Exit status 0 whenever grading ran, whatever the scores."})
public final class ClusterGradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK", arity = "1..*",
            description = "Submitted .ipynb files, at paths every executor can read (a shared folder on a cluster).")
    List<Path> notebooks = new ArrayList<>();

    @Option(names = "--rubric", paramLabel = "DIR|JAR",
            description = "Compiled rubric classes (folder or jar), at a path every executor can read; repeatable. "
                    + "Default: tests/target/test-classes (build it with: mvn -o -q test-compile -pl tests -am).")
    List<Path> rubric = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit of one cell (default: the rubric's, 300 s).")
    Integer timeout;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Repository root that rubric paths (solutions, expected values) are relative to. Default: current directory.")
    Path repo = Path.of("");

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> roots = rubric.isEmpty() ? List.of(Path.of("tests", "target", "test-classes")) : rubric;
        for (Path r : roots) {
            if (!Files.exists(r)) {
                throw new IllegalArgumentException("no rubric classes at " + r + ": build them with "
                        + "`mvn -o -q test-compile -pl tests -am` or pass --rubric DIR|JAR");
            }
        }
        // Checked here so that a wrong --rubric fails at once, not in every task.
        if (Grader.fromRoots(roots).rubrics().isEmpty()) {
            throw new IllegalArgumentException("no @Rubric classes found in " + roots + ": pass the compiled rubric with --rubric");
        }
        if (timeout != null && timeout < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeout);
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (timeout != null) {
            config.put(RubricConfig.CELL_TIMEOUT, timeout.toString());
        }
        config.put(RubricConfig.REPO, repo.toAbsolutePath().toString());
        SubmissionGrading grading = new SubmissionGrading(
                roots.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(), config);
        List<ScoreLine> lines;
        try (JavaSparkContext sc = spark.start("interp4j grade")) {
            lines = GradeJob.run(sc, notebooks, grading, spec.commandLine().getErr());
        }
        // ScoreTable prints to a stream; the command's writer is what callers (and tests) capture.
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        ScoreTable.print(lines, new java.io.PrintStream(table, true, java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(table.toString(java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        if (csv != null) {
            ScoreTable.writeCsv(lines, csv);
        }
        return 0;
    }
}

package org.interp4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.interp4j.grade.Grader;
import org.interp4j.grade.NotebookRunner;
import org.interp4j.grade.Recorder;
import org.interp4j.grade.RubricConfig;
import org.interp4j.grade.ScoreLine;
import org.interp4j.grade.ScoreTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code interp4j grade}: runs the grading rubric on submitted notebooks and prints a score table,
 * or with {@code --record} records the expected values from a solution notebook.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {
            "Grade notebooks with the course rubric: prints submission, exercise, points, max_points, message.",
            "Exit status 0 whenever grading ran, whatever the scores.",
            "With --record: run a solution notebook and record its values as the expected ones."})
public final class GradeCommand implements Callable<Integer> {

    /** Where the rubric classes are when none is given: the compiled tests of this repository. */
    static final Path DEFAULT_RUBRIC = Path.of("tests", "target", "test-classes");

    @Parameters(paramLabel = "NOTEBOOK", arity = "1..*", description = "Submitted .ipynb files (solution notebooks with --record).")
    List<Path> notebooks = new ArrayList<>();

    @Option(names = "--rubric", paramLabel = "DIR|JAR",
            description = "Compiled rubric classes (folder or jar); repeatable. Default: tests/target/test-classes "
                    + "(build it with: mvn -o -q test-compile -pl tests -am).")
    List<Path> rubric = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit of one cell (default: the rubric's, 300 s).")
    Integer timeout;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Repository root that rubric paths (solutions, expected values) are relative to. Default: current directory.")
    Path repo = Path.of("");

    @Option(names = "--jobs", paramLabel = "N",
            description = "Submissions graded at once, each in its own JVM with an equal share of the cores (default 1).")
    int jobs = 1;

    @Option(names = "--record", description = "Record expected values from the given solution notebook(s).")
    boolean record;

    @Option(names = "--expected", paramLabel = "FILE",
            description = "With --record: the expected-values file to fill in. "
                    + "Default: lib/src/main/resources/org/interp4j/grade/expected/<notebook>.json.")
    Path expected;

    @Override
    public Integer call() throws Exception {
        return record ? record() : grade();
    }

    private int grade() throws Exception {
        if (jobs < 1) {
            System.err.println("--jobs must be at least 1 (got " + jobs + ")");
            return 2;
        }
        List<Path> roots = rubric.isEmpty() ? List.of(DEFAULT_RUBRIC) : rubric;
        for (Path r : roots) {
            if (!Files.exists(r)) {
                System.err.println("no rubric classes at " + r + ": build them with `mvn -o -q test-compile -pl tests -am` "
                        + "or pass --rubric DIR|JAR");
                return 2;
            }
        }
        Grader grader = Grader.fromRoots(roots);
        if (grader.rubrics().isEmpty()) {
            System.err.println("no @Rubric classes found in " + roots);
            return 2;
        }
        if (timeout != null) {
            grader.config(RubricConfig.CELL_TIMEOUT, timeout.toString());
        }
        grader.config(RubricConfig.REPO, repo.toAbsolutePath().toString()).jobs(jobs);
        if (notebooks.size() > 1) {
            // a class's worth of notebooks takes a while: one line on stderr as each is done
            grader.progress((nb, rows, seconds, done, total) -> System.err.printf("[%d/%d] %s: %s points (%.0f s)%n",
                    done, total, nb.getFileName(), ScoreTable.total(rows), seconds));
        }
        List<ScoreLine> lines = grader.grade(notebooks);
        ScoreTable.print(lines, System.out);
        if (csv != null) {
            ScoreTable.writeCsv(lines, csv);
        }
        return 0;
    }

    private int record() throws Exception {
        if (expected != null && notebooks.size() > 1) {
            System.err.println("--expected names one file: record one notebook at a time");
            return 2;
        }
        int status = 0;
        for (Path nb : notebooks) {
            Path file = expected != null ? expected
                    : Recorder.defaultFile(repo, nb.getFileName().toString());
            NotebookRunner runner = new NotebookRunner();
            if (timeout != null) {
                runner.cellTimeout(Duration.ofSeconds(timeout));
            }
            Recorder.Report report = Recorder.record(nb, file, runner);
            report.recorded().forEach(s -> System.out.println("recorded  " + s));
            report.problems().forEach(s -> System.out.println("PROBLEM   " + s));
            System.out.println((report.ok() ? "wrote " : "wrote (with problems) ") + file);
            if (!report.ok()) {
                status = 1;
            }
        }
        return status;
    }
}

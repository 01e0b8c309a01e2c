package org.interp4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.interp4j.grade.Grader;
import org.interp4j.grade.NotebookRunner;
import org.interp4j.grade.Recorder;
import org.interp4j.grade.ScoreLine;
import org.interp4j.grade.ScoreTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Parameters(paramLabel = "NOTEBOOK", arity = "1..*", description = "Submitted .ipynb files (solution notebooks with --record).")
    List<Path> notebooks = new ArrayList<>();

    @Mixin
    GradingOptions grading = new GradingOptions();

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
        Optional<String> missing = grading.missingRubric();
        if (missing.isPresent()) {
            System.err.println(missing.get());
            return 2;
        }
        List<Path> roots = grading.roots();
        Grader grader = Grader.fromRoots(roots);
        if (grader.rubrics().isEmpty()) {
            System.err.println("no @Rubric classes found in " + roots);
            return 2;
        }
        grading.config().forEach(grader::config);
        grader.jobs(jobs);
        if (notebooks.size() > 1) {
            // a class's worth of notebooks takes a while: one line on stderr as each is done
            grader.progress((nb, rows, seconds, done, total) -> System.err.printf("[%d/%d] %s: %s points (%.0f s)%n",
                    done, total, nb.getFileName(), ScoreTable.total(rows), seconds));
        }
        List<ScoreLine> lines = grader.grade(notebooks);
        ScoreTable.print(lines, System.out);
        if (grading.csv != null) {
            ScoreTable.writeCsv(lines, grading.csv);
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
                    : Recorder.defaultFile(grading.repo, nb.getFileName().toString());
            NotebookRunner runner = new NotebookRunner();
            if (grading.timeout != null) {
                runner.cellTimeout(Duration.ofSeconds(grading.timeout));
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

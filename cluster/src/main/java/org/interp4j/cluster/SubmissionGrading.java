package org.interp4j.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.interp4j.grade.Grader;

/**
 * What one Spark task does: grade one submission exactly as {@code interp4j grade} does, with
 * {@link Grader#gradeOne} (the notebook runs in its own child JVM with cell time limits).
 *
 * <p>The rows are a function of the submission file, the rubric classes and the settings only: nothing
 * is written anywhere, so when Spark runs a task again (a lost executor, a retry) the new attempt gives
 * the same rows and the driver keeps exactly one result per partition.
 *
 * @param rubricRoots class folders or jars holding the {@code @Rubric} classes, as paths every executor can read
 * @param config      the grader's settings ({@code interp4j.repo}, {@code interp4j.cellTimeout}, …)
 */
public record SubmissionGrading(List<String> rubricRoots, Map<String, String> config) implements Serializable {

    public SubmissionGrading {
        rubricRoots = List.copyOf(rubricRoots);
        config = Map.copyOf(config);
    }

    public List<GradeRow> grade(String submission) {
        Grader grader;
        try {
            grader = Grader.fromRoots(rubricRoots.stream().map(Path::of).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric classes " + rubricRoots + " on this executor: " + e.getMessage(), e);
        }
        config.forEach(grader::config);
        return grader.gradeOne(Path.of(submission)).stream().map(GradeRow::of).toList();
    }
}

package org.interp4j.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.grade.ScoreLine;

/**
 * Grades submissions with one Spark task each and brings every row back to the driver, in the order
 * the submissions were given (the order {@code interp4j grade} prints them in).
 */
public final class GradeJob {

    private GradeJob() {
    }

    public static List<ScoreLine> run(JavaSparkContext sc, List<Path> submissions, SubmissionGrading grading,
                                      PrintWriter progressOut) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        // Executors get absolute paths (their working folder is not ours); the rows are labelled back with
        // the path as the user gave it, as interp4j grade labels them.
        List<String> absolute = submissions.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        TaskProgress progress = new TaskProgress(absolute.size(), "submissions", progressOut);
        sc.sc().addSparkListener(progress);
        try {
            // As many slices as submissions: parallelize then puts exactly one in each partition, one task apiece.
            List<List<GradeRow>> perSubmission = sc.parallelize(absolute, absolute.size())
                    .map(grading::grade)
                    .collect();
            List<ScoreLine> lines = new ArrayList<>();
            for (int i = 0; i < perSubmission.size(); i++) {
                String label = submissions.get(i).toString();
                perSubmission.get(i).forEach(r -> lines.add(r.labelled(label)));
            }
            progressOut.println(progress.summary(sc.defaultParallelism()));
            progressOut.flush();
            return lines;
        } finally {
            sc.sc().removeSparkListener(progress);
        }
    }
}

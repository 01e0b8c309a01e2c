import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.cluster.GradeJob;
import org.interp4j.cluster.SubmissionGrading;
import org.interp4j.grade.Grader;
import org.interp4j.grade.RubricConfig;
import org.interp4j.grade.ScoreLine;
import org.interp4j.grade.ScoreTable;

/**
 * Grades N copies of lecture 00's solution with the single-machine Grader, then on Spark local[1] and
 * local[2] (one task per copy), checks the three CSVs are the same and prints the times and ratios.
 * Args: N, the output file. Run by run.sh from the repository root.
 */
public class ClusterBenchmark {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path report = Path.of(args[1]);
        Path repo = Path.of("").toAbsolutePath();
        Path rubric = repo.resolve("tests/target/test-classes");
        Path dir = Files.createTempDirectory("interp4j-cluster-bench-");
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path d = Files.createDirectories(dir.resolve(String.format(Locale.ROOT, "student-%02d", i)));
            copies.add(Files.copy(repo.resolve("solutions/00-getting-started.ipynb"), d.resolve("00-getting-started.ipynb")));
        }
        Map<String, String> config = Map.of(RubricConfig.REPO, repo.toString());

        long t0 = System.nanoTime();
        Grader grader = Grader.fromRoots(List.of(rubric));
        config.forEach(grader::config);
        List<ScoreLine> single = grader.grade(copies);
        double singleS = (System.nanoTime() - t0) / 1e9;

        double[] sparkS = new double[2];
        for (int cores = 1; cores <= 2; cores++) {
            SubmissionGrading grading = new SubmissionGrading(List.of(rubric.toString()), config);
            long t1 = System.nanoTime();
            List<ScoreLine> lines;
            try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + cores + "]")
                    .setAppName("benchmark").set("spark.ui.enabled", "false"))) {
                lines = GradeJob.run(sc, copies, grading, new PrintWriter(new StringWriter()));
            }
            sparkS[cores - 1] = (System.nanoTime() - t1) / 1e9;
            if (!ScoreTable.csv(lines).equals(ScoreTable.csv(single))) {
                throw new IllegalStateException("Spark local[" + cores + "] graded differently from the single-machine grader");
            }
        }
        double points = single.stream().mapToDouble(ScoreLine::points).sum();
        double max = single.stream().mapToDouble(ScoreLine::maxPoints).sum();
        String text = String.format(Locale.ROOT, """
                %d copies of solutions/00-getting-started.ipynb, %.0f/%.0f points in total, the same CSV all three ways
                | grader | seconds | per notebook | speed-up over single machine |
                |---|---:|---:|---:|
                | single machine (Grader.grade, one after another) | %.1f | %.1f | 1.00 |
                | Spark local[1] | %.1f | %.1f | %.2f |
                | Spark local[2] | %.1f | %.1f | %.2f |
                """, n, points, max, singleS, singleS / n, sparkS[0], sparkS[0] / n, singleS / sparkS[0],
                sparkS[1], sparkS[1] / n, singleS / sparkS[1]);
        System.out.print(text);
        Files.writeString(report, Files.readString(report) + text);
    }
}

package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.interp4j.support.Fixtures;

/**
 * The grader's demo submissions ({@code tests/fixtures/grade}) and what grading them must give, the same
 * for every grader: {@link GraderTest} here, cluster/'s HostileSubmissionsTest on Spark (through this
 * module's test jar).
 */
public final class DemoSubmissions {
    private DemoSubmissions() {}

    /**
     * A temporary repository holding a copy of {@code tests/fixtures/grade}: grading must not touch the
     * repository's own fixtures (the cheating submission rewrites the expected values on disk).
     */
    public static Path copyToTemporaryRepo(String prefix) throws IOException {
        Path repo = Files.createTempDirectory(prefix);
        Path from = Fixtures.path("tests/fixtures/grade");
        Path to = repo.resolve("tests/fixtures/grade");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return repo;
    }

    /** The rows of the submission in {@code folder}, by exercise: one per exercise of the demo rubric. */
    public static Map<String, ScoreLine> rows(List<ScoreLine> lines, String folder) {
        String marker = "/" + folder + "/grade-demo.ipynb";
        Map<String, ScoreLine> out = lines.stream().filter(l -> l.submission().replace('\\', '/').endsWith(marker))
                .collect(Collectors.toMap(ScoreLine::exercise, l -> l));
        assertEquals(5, out.size(), "one row per exercise for " + folder + ": " + lines);
        return out;
    }

    public static double total(Map<String, ScoreLine> rows) {
        return rows.values().stream().mapToDouble(ScoreLine::points).sum();
    }

    /** The solution gets every point, each row "ok". */
    public static void assertSolutionGetsFullMarks(List<ScoreLine> lines) {
        Map<String, ScoreLine> r = rows(lines, "solutions");
        assertEquals(6, total(r), r.toString());
        r.values().forEach(l -> assertEquals("ok", l.message()));
    }

    /** The submission whose cells loop forever loses only the points of those cells. */
    public static void assertLoopingCellsCostOnlyTheirOwnPoints(List<ScoreLine> lines) {
        Map<String, ScoreLine> r = rows(lines, "loop");
        assertEquals(4, total(r), r.toString());
        assertTrue(r.get("demo.mean").message().contains("did not finish within 10.0 s"), r.get("demo.mean").message());
        assertTrue(r.get("demo.grid").message().contains("did not finish within 10.0 s"), r.get("demo.grid").message());
        assertEquals(1, r.get("demo.words").points(), "the cell after the killed one still counts");
    }

    /** The submission that calls System.exit loses only that cell's point. */
    public static void assertExitCostsOnlyItsOwnCell(List<ScoreLine> lines) {
        Map<String, ScoreLine> r = rows(lines, "exit");
        assertEquals(5, total(r), r.toString());
        assertEquals("the cell called System.exit(1)", r.get("demo.mean").message());
    }
}

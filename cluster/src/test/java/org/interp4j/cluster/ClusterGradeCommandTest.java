package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interp4j-cluster grade} end to end: the demo solution, named by a relative path, on local[1]. */
class ClusterGradeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsTheTableAndWritesTheCsvOnceWithTheGivenLabels() throws IOException {
        Path repo = Fixtures.repo();
        // Relative to the working folder, as a user would type it: the rows must keep this label.
        String relative = Path.of("").toAbsolutePath().relativize(repo.resolve("tests/fixtures/grade/solutions/grade-demo.ipynb"))
                .toString();
        Path csv = tmp.resolve("scores.csv");
        Run r = Run.cluster("grade", "--master", "local[1]", "--rubric", Rubrics.classes().toString(),
                "--repo", repo.toString(), "--timeout", "10", "--csv", csv.toString(), relative);
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("submission,exercise,points,max_points,message", lines.get(0));
        assertEquals(6, lines.size(), "the header and the 5 exercises: " + lines);
        assertTrue(lines.contains(relative + ",demo.sum,2,2,ok"), String.join("\n", lines));
        assertTrue(r.out().contains(relative + "  total"), r.out());
        assertTrue(r.err().contains("1/1 submissions done") && r.err().contains("0 failed task attempt(s)"), r.err());
    }

    @Test
    void aMissingRubricGivesOneClearLine() {
        Run r = Run.cluster("grade", "--rubric", tmp.resolve("nope").toString(), "x.ipynb");
        assertEquals(2, r.status());
        assertEquals("grade: no rubric classes at " + tmp.resolve("nope")
                + ": build them with `mvn -o -q test-compile -pl tests -am` or pass --rubric DIR|JAR", r.err().strip());
    }
}

package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line finds the rubric in compiled test classes and writes the CSV. */
class GradeCommandTest {

    @Test
    void gradesFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path repo = Path.of(System.getProperty("interp4j.repo", ".."));
        Path classes = Path.of(GradeDemoRubric.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path csv = dir.resolve("grades.csv");
        int status = new CommandLine(new Main()).execute("grade",
                "--rubric", classes.toString(), "--repo", repo.toString(), "--timeout", "20", "--csv", csv.toString(),
                repo.resolve("tests/fixtures/grade/submissions/half/grade-demo.ipynb").toString(),
                dir.resolve("absent.ipynb").toString());
        assertEquals(0, status);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("submission,exercise,points,max_points,message", rows.get(0));
        assertEquals(1 + 5 + 1, rows.size(), String.join("\n", rows));
        // the list of known notebooks grows with the course: check the demo's are named
        assertTrue(rows.get(6).contains("absent.ipynb,-,0,0,\"no rubric for this notebook: name the file after its notebook "
                + "(one of [") && rows.get(6).contains("grade-demo.ipynb, other-demo.ipynb])\""), rows.get(6));
        assertEquals(2, rows.stream().filter(r -> r.contains("/half/grade-demo.ipynb,") && r.matches(".*,(1|2),(1|2),ok")).count(),
                String.join("\n", rows));
    }

    @Test
    void zeroJobsIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = new CommandLine(new Main()).execute("grade", "--jobs", "0", "x.ipynb");
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, status);
        assertEquals("--jobs must be at least 1 (got 0)", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void missingRubricIsAUsageError(@TempDir Path dir) {
        int status = new CommandLine(new Main()).execute("grade", "--rubric", dir.resolve("nothing").toString(), "x.ipynb");
        assertEquals(2, status);
    }
}

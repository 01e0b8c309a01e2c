package org.interp4j.expertise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.cli.Main;
import org.interp4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code interp4j expertise} end to end on the golden responses. */
class ExpertiseCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static String fixture(String name) {
        return Goldens.DIR.resolve(name + ".npy").toString();
    }

    @Test
    void writesTheExpertiseCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("expertise.csv");
        int code = run("expertise", "--responses", fixture("X"), "--labels", fixture("y"), "--out", csv.toString(),
                "--layer-sizes", "25,25", "--layer-names", "h.0,h.1", "--concept", "football", "--group", "sense",
                "--top-k", "3");
        assertEquals(0, code, err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("unit,layer,ap,on_p50,off_p50,on_p90,on_mean,off_mean,uuid,concept,group", lines.get(0));
        assertEquals(51, lines.size());
        double[] ap = Goldens.doubles("ap");
        double[] offP50 = Goldens.doubles("off_p50");
        for (int u = 0; u < 50; u++) {
            String[] f = lines.get(u + 1).split(",");
            assertEquals(u % 25, Integer.parseInt(f[0]));
            assertEquals(u < 25 ? "h.0" : "h.1", f[1]);
            assertEquals(ap[u], Double.parseDouble(f[2]), 1e-9, "ap of unit " + u);
            assertEquals(offP50[u], Double.parseDouble(f[4]), 1e-9 * Math.abs(offP50[u]), "off_p50 of unit " + u);
            assertEquals("football", f[9]);
            assertEquals("sense", f[10]);
        }
        assertTrue(out.toString().contains("h.1"), out.toString());
        assertEquals(4, out.toString().lines().count(), "summary, then the top 3:\n" + out);
    }

    @Test
    void withoutLayersEveryUnitIsInLayer0(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("e.csv");
        assertEquals(0, run("expertise", "--responses", fixture("X"), "--labels", fixture("y_rare"), "--out", csv.toString()),
                err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", ExpertiseResult.COLUMNS), lines.get(0));
        assertTrue(lines.get(50).startsWith("49,layer_0,"), lines.get(50));
    }

    private void assertBadInput(String expectedMessagePart, String... args) {
        int code = run(args);
        assertEquals(2, code, "bad input exits with 2; stderr: " + err);
        String message = err.toString().strip();
        assertTrue(message.contains(expectedMessagePart), message);
        assertFalse(message.contains("\tat "), "one message, no stack trace: " + message);
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertBadInput("No such .npy file", "expertise", "--responses", dir.resolve("nope.npy").toString(),
                "--labels", fixture("y"), "--out", dir.resolve("e.csv").toString());
    }

    @Test
    void responsesMustBeTwoDimensional(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy");
        Npy.writeFloats(x, new float[8], 2, 2, 2);
        assertBadInput("save the responses as a 2-D [samples, units] array", "expertise", "--responses", x.toString(),
                "--labels", fixture("y"), "--out", dir.resolve("e.csv").toString());
    }

    @Test
    void labelsMustBeZeroOrOne(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
        Npy.writeFloats(x, new float[] {1, 2, 3}, 3, 1);
        Npy.writeLongs(y, new long[] {0, 3, 1}, 3);
        assertBadInput("Label 3 at sample 1", "expertise", "--responses", x.toString(), "--labels", y.toString(),
                "--out", dir.resolve("e.csv").toString());
    }

    @Test
    void nanResponses(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
        Npy.writeFloats(x, new float[] {1, 2, Float.NaN, 4}, 2, 2);
        Npy.writeLongs(y, new long[] {0, 1}, 2);
        assertBadInput("unit 0 to sample 1 is NaN", "expertise", "--responses", x.toString(), "--labels", y.toString(),
                "--out", dir.resolve("e.csv").toString());
    }

    @Test
    void layerSizesMustAddUp(@TempDir Path dir) {
        assertBadInput("hold 40 units but the responses have 50", "expertise", "--responses", fixture("X"),
                "--labels", fixture("y"), "--out", dir.resolve("e.csv").toString(), "--layer-sizes", "20,20");
    }

    @Test
    void missingOptionIsAUsageError() {
        assertEquals(2, run("expertise", "--responses", fixture("X")));
        assertTrue(err.toString().contains("Missing required options"), err.toString());
    }
}

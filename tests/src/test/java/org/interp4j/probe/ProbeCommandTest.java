package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/** {@code interp4j probe}: the CSV it writes and its one-line answers to bad input (exit code 2). */
class ProbeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void writesTheSeedColumnsForEveryUnit() throws IOException {
        Path out = dir.resolve("sub/probe.csv");
        int code = run("probe", "--x", ProbeGoldens.DIR.resolve("X.npy").toString(),
                "--y", ProbeGoldens.DIR.resolve("y.npy").toString(), "--out", out.toString());
        assertEquals(0, code, err.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals("unit,beta,intercept,pvalue,accuracy", lines.get(0));
        ProbeGoldens g = ProbeGoldens.load();
        assertEquals(g.units.size() + 1, lines.size());
        for (var u : g.units) {
            if (!u.get("status").asText().equals("ok") || !u.get("converged").asBoolean()) continue;
            int j = u.get("unit").asInt();
            String[] cells = lines.get(j + 1).split(",");
            assertEquals(j, Integer.parseInt(cells[0]));
            double beta = u.get("params").get(1).asDouble(), p = u.get("exact").get("pvalue").asDouble();
            assertEquals(beta, Double.parseDouble(cells[1]), 1e-6 * Math.max(1, Math.abs(beta)));
            assertEquals(u.get("params").get(0).asDouble(), Double.parseDouble(cells[2]),
                    1e-6 * Math.max(1, Math.abs(u.get("params").get(0).asDouble())));
            assertEquals(p, Double.parseDouble(cells[3]), 1e-6 * p);
            assertEquals(u.get("accuracy").asDouble(), Double.parseDouble(cells[4]), 1e-9);
        }
        assertTrue(lines.get(22).startsWith("21,NaN,"), "constant unit: " + lines.get(22));
        assertTrue(lines.get(23).startsWith("22,Infinity,NaN,NaN,100.0"), "separated unit: " + lines.get(23));
    }

    @Test
    void missingFile() {
        assertBadInput("does not exist", "probe", "--x", dir.resolve("none.npy").toString(),
                "--y", ProbeGoldens.DIR.resolve("y.npy").toString(), "--out", dir.resolve("p.csv").toString());
    }

    @Test
    void shapeMismatch() throws IOException {
        Path y = dir.resolve("y.npy");
        Npy.writeLongs(y, new long[] {0, 1, 0}, 3);
        assertBadInput("600 samples (rows) but --y has 3 labels", "probe", "--x", ProbeGoldens.DIR.resolve("X.npy").toString(),
                "--y", y.toString(), "--out", dir.resolve("p.csv").toString());
    }

    @Test
    void labelsNotZeroOne() throws IOException {
        Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
        Npy.writeFloats(x, new float[] {0, 1, 2, 3}, 4, 1);
        Npy.writeLongs(y, new long[] {0, 1, 2, 1}, 4);
        assertBadInput("Label 2 at sample 2 in --y", "probe", "--x", x.toString(), "--y", y.toString(),
                "--out", dir.resolve("p.csv").toString());
    }

    @Test
    void oneClassOnly() throws IOException {
        Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
        Npy.writeFloats(x, new float[] {0, 1, 2, 3}, 4, 1);
        Npy.writeLongs(y, new long[] {1, 1, 1, 1}, 4);
        assertBadInput("both classes", "probe", "--x", x.toString(), "--y", y.toString(),
                "--out", dir.resolve("p.csv").toString());
    }

    @Test
    void wrongRank() throws IOException {
        Path x = dir.resolve("x.npy");
        Npy.writeFloats(x, new float[] {0, 1, 2, 3}, 4);
        assertBadInput("must be 2-D", "probe", "--x", x.toString(), "--y", ProbeGoldens.DIR.resolve("y.npy").toString(),
                "--out", dir.resolve("p.csv").toString());
    }

    private void assertBadInput(String part, String... args) {
        int code = run(args);
        assertEquals(2, code, err.toString());
        String message = err.toString().strip();
        assertTrue(message.contains(part), message);
        assertEquals(1, message.lines().count(), "one clear line: " + message);
    }
}

package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.cli.Main;
import org.interp4j.responses.UnitLayout;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to the steering commands ends in one line saying what to fix, before any model work. */
class SteerCommandsTest {

    /** exit code, stdout, stderr */
    static String[] run(String... args) throws Exception {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var m = Main.class.getDeclaredMethod("commandLine");
            m.setAccessible(true);
            CommandLine cl = (CommandLine) m.invoke(null);
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void steeringWithNeitherExpertsNorAMapIsRefused() throws Exception {
        String[] r = run("steer", "--model", "nowhere", "--prompt", "Hi");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--expertise") && r[2].contains("--act") && r[2].lines().count() == 1, r[2]);
    }

    @Test
    void strengthOutsideZeroOneIsRefused(@TempDir Path dir) throws Exception {
        Path act = dir.resolve("act.npy");
        new TransportMap(UnitLayout.of(List.of("blocks.0.mlp.hook_post"), new int[] {160}), new float[160], new float[160]).save(act);
        String[] r = run("steer", "--model", "nowhere", "--prompt", "Hi", "--act", act.toString(), "--strength", "1.5");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("between 0 and 1") && r[2].lines().count() == 1, r[2]);
    }

    @Test
    void aTransportMapForAnotherModelIsRefused(@TempDir Path dir) throws Exception {
        Path act = dir.resolve("act.npy");
        new TransportMap(UnitLayout.of(List.of("blocks.0.mlp.hook_post"), new int[] {1536}), new float[1536], new float[1536]).save(act);
        String[] r = run("steer", "--model", Fixtures.path("tests/fixtures/models/llama").toString(), "--prompt", "Hi",
                "--act", act.toString(), "--strength", "0.5");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("another model") && r[2].contains("1536"), r[2]);
    }

    @Test
    void anExpertiseCsvWithoutTheForcingColumnIsRefused(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("e.csv");
        java.nio.file.Files.writeString(csv, "layer,unit,ap\nblocks.0.mlp.hook_post,3,0.9\n");
        String[] r = run("steer", "--model", "nowhere", "--prompt", "Hi", "--expertise", csv.toString(), "--num-units", "1");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("no 'on_p50' column"), r[2]);
    }

    @Test
    void unknownConceptsAndPoolingsAreRefused() throws Exception {
        String[] r = run("responses", "--concept", "weather", "--out", "x.npy");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("no concept 'weather'"), r[2]);
        r = run("responses", "--concept", "sport", "--pooling", "median", "--out", "x.npy");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("use max, mean or last"), r[2]);
        r = run("transport", "--concept", "sport", "--mode", "sometimes", "--out", "x.npy");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("atonce or incr"), r[2]);
    }
}

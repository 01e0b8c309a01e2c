package org.interp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.interp4j.io.Npy;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/** The logits command prints what HF transformers computes, shaped [batch][position][vocab]. */
class LogitsCommandTest {

    static String[] run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            picocli.CommandLine cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void printsTransformersLogitsForPaddedRows() throws Exception {
        JsonNode inputs = Fixtures.json("tests/fixtures/expected/opt/inputs.json");
        long[][] ids = Fixtures.longMatrix(inputs.get("ids"));
        StringBuilder spec = new StringBuilder();
        for (long[] row : ids) {
            if (spec.length() > 0) spec.append(';');
            spec.append(java.util.Arrays.stream(row).mapToObj(Long::toString).reduce((a, b) -> a + "," + b).orElse(""));
        }
        String[] r = run("logits", "--model", Fixtures.path("tests/fixtures/models/opt").toString(),
                "--ids", spec + ";1,2,3", "--hidden");
        assertEquals("0", r[0], r[2]);
        JsonNode json = new ObjectMapper().readTree(r[1]);
        float[] want = Npy.read(Fixtures.path("tests/fixtures/expected/opt/logits.npy")).toFloats();
        JsonNode logits = json.get("logits");
        assertEquals(3, logits.size());
        assertEquals(12, logits.get(2).size(), "the short row is padded to the batch length");
        int vocab = logits.get(0).get(0).size();
        double worst = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 12; t++) {
                for (int v = 0; v < vocab; v++) {
                    worst = Math.max(worst, Math.abs(want[(b * 12 + t) * vocab + v] - logits.get(b).get(t).get(v).floatValue()));
                }
            }
        }
        assertTrue(worst < 1e-4, "CLI logits differ from transformers by " + worst);
        assertEquals(64, json.get("last_hidden").get(0).get(0).size());
    }

    @Test
    void badInputGivesOneLineAndExitTwo() {
        String[] r = run("logits", "--model", "gtp2", "--ids", "1,2");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("Did you mean gpt2"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }
}

package org.interp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.data.BrownCorpus;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.UnitLayout;
import org.interp4j.steer.TransportMap;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditioning options of {@code generate} ({@code --expertise/--num-units/--forcing},
 * {@code --act/--strength}) on the default model, the files they read, and the one-line messages
 * for input that cannot work.
 */
class ConditionedGenerationCommandsTest {

    static final String EXPERTS = "tests/fixtures/steer/sport_experts_smollm2.csv";
    static final String TINY_LLAMA = "tests/fixtures/models/llama";

    /** exit code, stdout, stderr */
    static String[] run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            picocli.CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    static String generate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--prompt", "The best thing about",
                "--max-new-tokens", "5"));
        args.addAll(List.of(extra));
        String[] r = run(args.toArray(String[]::new));
        assertEquals("0", r[0], r[2]);
        return r[1].strip();
    }

    static void assertOneLineError(String[] r, String... parts) {
        assertEquals("2", r[0], "exit code; stderr: " + r[2] + " stdout: " + r[1]);
        String message = r[2].strip();
        assertEquals(1, message.lines().count(), message);
        for (String p : parts) assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }

    @Test
    void conditioningOptionsSteerTheDefaultModel(@TempDir Path dir) throws Exception {
        String plain = generate();
        String experts = generate("--expertise", Fixtures.path(EXPERTS).toString(), "--num-units", "600", "--forcing", "on_p50");
        assertFalse(plain.isEmpty());
        assertNotEquals(plain, experts, "forcing 600 sport experts changes the greedy continuation");
        // a map that adds 3 to every neuron of block 10: strength 0 is the plain model, strength 1 is not
        Path act = dir.resolve("act.npy");
        float[] one = new float[1536], three = new float[1536];
        java.util.Arrays.fill(one, 1f);
        java.util.Arrays.fill(three, 3f);
        new TransportMap(UnitLayout.of(List.of("blocks.10.mlp.hook_post"), new int[] {1536}), one, three).save(act);
        assertEquals(plain, generate("--act", act.toString(), "--strength", "0"));
        assertNotEquals(plain, generate("--act", act.toString(), "--strength", "1"));
    }

    @Test
    void strengthOutsideZeroOneIsRefusedBeforeLoadingTheModel(@TempDir Path dir) throws Exception {
        Path act = dir.resolve("act.npy");
        new TransportMap(UnitLayout.of(List.of("blocks.0.mlp.hook_post"), new int[] {4}), new float[4], new float[4]).save(act);
        for (String bad : new String[] {"1.5", "-0.2", "NaN"}) {
            assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--act", act.toString(), "--strength", bad),
                    "between 0 and 1", bad);
        }
    }

    @Test
    void expertiseMadeForAnotherModelIsRefused(@TempDir Path dir) throws Exception {
        String tiny = Fixtures.path(TINY_LLAMA).toString();
        // layer layout: the default model's experts sit in blocks the 2-block fixture does not have
        assertOneLineError(run("generate", "--model", tiny, "--prompt", "Hi", "--expertise", Fixtures.path(EXPERTS).toString(),
                "--num-units", "600"), "another model", "does not have");
        // unit count: a unit beyond the fixture's 160 neurons in a block it does have
        Path csv = dir.resolve("e.csv");
        Files.writeString(csv, "unit,layer,ap,on_p50\n1200,blocks.1.mlp.hook_post,0.9,2.5\n3,blocks.1.mlp.hook_post,0.8,1.0\n");
        assertOneLineError(run("generate", "--model", tiny, "--prompt", "Hi", "--expertise", csv.toString(), "--num-units", "2"),
                "another model", "1201", "160");
    }

    @Test
    void transportMapForAnotherModelIsRefused(@TempDir Path dir) throws Exception {
        String tiny = Fixtures.path(TINY_LLAMA).toString();
        Path sizes = dir.resolve("sizes.npy");
        new TransportMap(UnitLayout.of(List.of("blocks.1.mlp.hook_post"), new int[] {1536}), new float[1536], new float[1536]).save(sizes);
        assertOneLineError(run("generate", "--model", tiny, "--prompt", "Hi", "--act", sizes.toString(), "--strength", "0.5"),
                "another model", "1536", "160");
        Path layers = dir.resolve("layers.npy");
        new TransportMap(UnitLayout.of(List.of("blocks.29.mlp.hook_post"), new int[] {160}), new float[160], new float[160]).save(layers);
        assertOneLineError(run("generate", "--model", tiny, "--prompt", "Hi", "--act", layers.toString()),
                "blocks.29.mlp.hook_post", "another model");
    }

    @Test
    void tooManyUnitsOrAnUnknownForcingAreRefused() throws Exception {
        String csv = Fixtures.path(EXPERTS).toString();
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--expertise", csv, "--num-units", "5000"),
                "between 0 and 1000");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--expertise", csv, "--forcing", "median"),
                "on_p50");
    }

    @Test
    void optionsOfTheOtherMethodAreRefused() {
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--strength", "0.5"), "--act");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--num-units", "5"), "--expertise");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--act", "a.npy", "--forcing", "on_p90"),
                "--expertise");
        String[] r = run("generate", "--model", "nowhere", "--prompt", "Hi", "--act", "a.npy", "--expertise", "e.csv");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("mutually exclusive"), r[2]);
    }

    /** A datasets folder holding one concept, "hollow", whose sentences are all negatives. */
    static Path datasetsWithoutPositives(Path dir) throws Exception {
        Path concepts = Files.createDirectories(dir.resolve("concepts"));
        Files.writeString(concepts.resolve("concepts.json"),
                "[{\"concept\":\"hollow\",\"synset\":\"hollow.n.01\",\"sense_key\":\"hollow%1\",\"gloss\":\"nothing\"}]");
        Files.writeString(concepts.resolve("hollow.jsonl"),
                "{\"id\":\"a\",\"label\":0,\"text\":\"A plain sentence.\",\"words\":[]}\n"
                        + "{\"id\":\"b\",\"label\":0,\"text\":\"Another one.\",\"words\":[]}\n");
        Files.writeString(concepts.resolve("hollow.words.txt"), "hollow\n");
        return dir;
    }

    @Test
    void aConceptWithoutPositiveExamplesIsRefused(@TempDir Path dir) throws Exception {
        String before = System.getProperty(BrownCorpus.PROPERTY);
        System.setProperty(BrownCorpus.PROPERTY, datasetsWithoutPositives(dir).toString());
        try {
            assertOneLineError(run("responses", "--model", "nowhere", "--concept", "hollow", "--out", dir.resolve("X.npy").toString()),
                    "hollow", "0 positive");
            assertOneLineError(run("transport", "--model", "nowhere", "--concept", "hollow", "--out", dir.resolve("a.npz").toString()),
                    "hollow", "0 positive");
        } finally {
            if (before == null) System.clearProperty(BrownCorpus.PROPERTY);
            else System.setProperty(BrownCorpus.PROPERTY, before);
        }
    }

    @Test
    void labelsOfOneClassAreRefused(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("X.npy");
        ResponsesMatrix.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}, UnitLayout.ofSizes(2), "max").save(x);
        ResponsesMatrix.saveLabels(dir.resolve("ones.npy"), new int[] {1, 1, 1});
        ResponsesMatrix.saveLabels(dir.resolve("zeros.npy"), new int[] {0, 0, 0});
        String[] r = run("expertise", "--responses", x.toString(), "--labels", dir.resolve("ones.npy").toString(),
                "--out", dir.resolve("e.csv").toString());
        assertOneLineError(r, "All 3 samples are positive");
        r = run("expertise", "--responses", x.toString(), "--labels", dir.resolve("zeros.npy").toString(),
                "--out", dir.resolve("e.csv").toString());
        assertOneLineError(r, "No positive samples");
        assertFalse(Files.exists(dir.resolve("e.csv")));
    }

    @Test
    void expertiseReadsTheLayersOfTheResponsesSidecar(@TempDir Path dir) throws Exception {
        // the files `interp4j responses` writes: X.npy, its X.layout.json sidecar, y.npy
        Path x = dir.resolve("X.npy");
        UnitLayout layout = UnitLayout.of(List.of("blocks.0.mlp.hook_post", "blocks.1.mlp.hook_post"), new int[] {2, 3});
        float[][] rows = {{0, 1, 2, 3, 9}, {1, 0, 2, 3, 8}, {0, 1, 2, 3, 1}, {1, 0, 2, 3, 0}};
        ResponsesMatrix.of(rows, layout, "max").save(x);
        ResponsesMatrix.saveLabels(dir.resolve("y.npy"), new int[] {1, 1, 0, 0});
        Path csv = dir.resolve("expertise.csv");
        String[] r = run("expertise", "--responses", x.toString(), "--labels", dir.resolve("y.npy").toString(),
                "--out", csv.toString(), "--top-k", "1");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith("0,blocks.0.mlp.hook_post,"), lines.get(1));
        assertTrue(lines.get(5).startsWith("2,blocks.1.mlp.hook_post,1.0"), lines.get(5));
        assertTrue(r[1].contains("blocks.1.mlp.hook_post unit      2  ap 1.0000"), r[1]);
        // a sidecar from other responses is refused rather than silently misread
        ResponsesMatrix.of(new float[][] {{1, 2, 3, 4, 5, 6}}, UnitLayout.ofSizes(3, 3), "max").save(dir.resolve("Z.npy"));
        Files.copy(dir.resolve("Z.layout.json"), dir.resolve("X.layout.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertOneLineError(run("expertise", "--responses", x.toString(), "--labels", dir.resolve("y.npy").toString(),
                "--out", csv.toString()), "do not belong together");
    }
    @Test
    void transportFitsIncrementallyOnTheNormOutputsAndSavesAnNpz(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("act.npz");
        String[] r = run("transport", "--concept", "sport", "--per-class", "3", "--max-tokens", "16", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("(incr, support q_0_100, 3 source -> 3 target sentences)"), r[1]);
        TransportMap map = TransportMap.load(out);
        assertEquals(60, map.layout().layers(), "ln1 and ln2 of the 30 blocks");
        assertEquals("blocks.0.ln1.hook_normalized", map.layout().names().get(0));
        assertEquals("blocks.29.ln2.hook_normalized", map.layout().names().get(59));
        assertFalse(map.unbounded(), "min..max of the source responses");
        for (int u = 0; u < map.layout().units(); u += 997) assertTrue(map.lo()[u] <= map.hi()[u]);
        assertTrue(Files.exists(dir.resolve("act.layout.json")));
        // the map steers the default model through generate --act
        assertNotEquals(generate(), generate("--act", out.toString(), "--strength", "1"));
    }

    @Test
    void aBoundedMapIsNotWrittenAsNpy(@TempDir Path dir) {
        assertOneLineError(run("transport", "--model", "nowhere", "--concept", "sport", "--out", dir.resolve("act.npy").toString()),
                ".npz", "q_all");
        assertOneLineError(run("transport", "--model", "nowhere", "--concept", "sport", "--support", "q_99_1",
                "--out", dir.resolve("act.npz").toString()), "q_99_1");
    }

    @Test
    void meanDifferenceSteersTheDefaultModel(@TempDir Path dir) throws Exception {
        String plain = generate();
        // a vector of the default model's width at block 10's residual stream
        Path v = dir.resolve("v.npy");
        float[] vec = new float[576];
        for (int i = 0; i < vec.length; i++) vec[i] = (float) Math.cos(i);
        new org.interp4j.steer.MeanDifference("blocks.10.hook_resid_post", vec).save(v);
        assertEquals(plain, generate("--mean-diff", v.toString(), "--coef", "0"));
        assertNotEquals(plain, generate("--mean-diff", v.toString(), "--coef", "20"));
        // fitted from a concept set: positives minus negatives at the chosen block
        assertNotEquals(plain, generate("--mean-diff", "sport", "--layer", "1", "--coef", "8"));
    }

    @Test
    void meanDifferenceOptionsAreCheckedInOneLine(@TempDir Path dir) throws Exception {
        String tiny = Fixtures.path(TINY_LLAMA).toString();
        assertOneLineError(run("generate", "--model", tiny, "--prompt", "Hi", "--mean-diff", "sport", "--layer", "7"),
                "--layer 7", "blocks 0..1");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--coef", "2"), "--mean-diff");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--layer", "2"), "--mean-diff");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--only-last-token"), "--expertise");
        assertOneLineError(run("generate", "--model", "nowhere", "--prompt", "Hi", "--mean-diff", "weather"), "weather");
        Path v = dir.resolve("v.npy");
        new org.interp4j.steer.MeanDifference("blocks.1.hook_resid_post", new float[576]).save(v);
        assertOneLineError(run("generate", "--model", tiny, "--prompt", "Hi", "--mean-diff", v.toString()), "another model", "576");
        String[] r = run("generate", "--model", "nowhere", "--prompt", "Hi", "--act", "a.npz", "--mean-diff", "sport");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("mutually exclusive"), r[2]);
    }

    @Test
    void steerRunsEveryPromptAndSeedAsOneBatchWithTheSameResultsAsAlone() throws Exception {
        Path csv = Fixtures.path(EXPERTS);
        String[] both = run("steer", "--prompt", "Once upon a time", "--prompt", "The weather today", "--seed", "3", "4",
                "--length", "6", "--expertise", csv.toString(), "--num-units", "50", "--forcing", "on_p90");
        assertEquals("0", both[0], both[2]);
        // one continuation per prompt and seed, each starting "[seed s] prompt" (continuations may hold newlines)
        List<String> lines = List.of(both[1].strip().split("\\R(?=\\[seed )"));
        assertEquals(4, lines.size(), both[1]);
        assertTrue(lines.get(0).startsWith("[seed 3] Once upon a time") && lines.get(3).startsWith("[seed 4] The weather today"),
                both[1]);
        // the second prompt at seed 4, alone: generate with seed 4 + 1 (rows take seed + row index)
        String[] alone = run("steer", "--prompt", "The weather today", "--seed", "5", "--length", "6",
                "--expertise", csv.toString(), "--num-units", "50", "--forcing", "on_p90");
        assertEquals("0", alone[0], alone[2]);
        assertEquals(lines.get(3).replace("[seed 4]", ""), alone[1].strip().replace("[seed 5]", ""));
    }
}

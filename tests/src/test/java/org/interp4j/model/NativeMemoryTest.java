package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Interventions;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A notebook calls the model thousands of times: 2,000 hooked and cached forwards, 2,000 tokens
 * generated with a hook (with and without recording the activations), and 2,000 sentences recorded
 * for expert units, each in one JVM, must leave native memory flat (every run's arrays are freed
 * when its output closes). Each loop runs in a child JVM whose Java heap is fixed and touched up
 * front, so resident memory can only grow if native memory does.
 */
class NativeMemoryTest {

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * The child JVM: warm up, then the loop of {@code args[1]} (forward, generate, generate-cached,
     * record) with a hook attached; prints RSS before and after.
     */
    public static void main(String[] args) throws IOException {
        try (LanguageModel m = LanguageModel.fromDirectory(Path.of(args[0]), "llama");
             HookHandle h = m.addHook("blocks.*.mlp.hook_post", Interventions.zero(1, 2, 3))) {
            Runnable once = switch (args[1]) {
                case "forward" -> () -> runOnce(m, new long[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {20, 21, 22, 23}});
                // 2 rows x 10 new tokens per call: 100 calls make 2,000 generated tokens
                case "generate" -> () -> m.generate(new long[][] {{1, 2, 3, 4, 5}, {6, 7}},
                        GenerateOptions.sampling(10, 1.0, 7).ignoringEos());
                case "generate-cached" -> () -> {
                    try (Generation g = m.generateWithCache(new long[][] {{1, 2, 3, 4, 5}, {6, 7}},
                            GenerateOptions.greedy(10).ignoringEos(), "blocks.*.attn.hook_pattern", "blocks.0.hook_resid_post")) {
                        g.cache().get("blocks.1.attn.hook_pattern");
                    }
                };
                // 20 sentences per call: 100 calls record 2,000 sentences
                case "record" -> () -> org.interp4j.responses.ResponsesRecorder.of(m, "blocks.*.mlp.hook_post")
                        .batchSize(8).record(sentences());
                default -> throw new IllegalArgumentException("unknown loop " + args[1]);
            };
            int calls = args[1].equals("forward") ? 2000 : 100;
            for (int i = 0; i < calls * 3 / 20; i++) once.run(); // allocator pools and JIT settle
            long start = rssKb();
            for (int i = 0; i < calls; i++) once.run();
            System.out.println("RSS " + start + " " + rssKb());
        }
    }

    private static long[][] sentences() {
        long[][] rows = new long[20][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new long[3 + i % 9];
            for (int t = 0; t < rows[i].length; t++) rows[i][t] = 1 + (i * 7 + t * 3) % 200;
        }
        return rows;
    }

    private static void runOnce(LanguageModel m, long[][] ids) {
        try (ModelOutput o = m.runWithCache(ids, "blocks.*.attn.hook_pattern", "blocks.0.hook_resid_post")) {
            o.cache().get("blocks.1.attn.hook_pattern");
            o.nextToken(0);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"forward", "generate", "generate-cached", "record"})
    void twoThousandHookedCallsKeepResidentMemoryFlat(String loop) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), NativeMemoryTest.class.getName(),
                Fixtures.path("tests/fixtures/models/llama").toString(), loop).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        String line = out.lines().filter(l -> l.startsWith("RSS ")).findFirst().orElseThrow(() -> new AssertionError(out));
        List<Long> kb = java.util.Arrays.stream(line.substring(4).split(" ")).map(Long::parseLong).toList();
        long growth = kb.get(1) - kb.get(0);
        System.out.printf("RSS over 2,000 hooked %s steps: start %d MB, end %d MB (%+.1f MB)%n",
                loop, kb.get(0) / 1024, kb.get(1) / 1024, growth / 1024.0);
        assertTrue(growth < 32 * 1024, "resident memory grew by " + growth / 1024 + " MB over 2,000 " + loop + " steps");
    }
}

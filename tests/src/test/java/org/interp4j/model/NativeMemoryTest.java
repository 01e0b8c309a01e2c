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
 * A notebook calls the model thousands of times: 2,000 hooked and cached forwards in one JVM must
 * leave native memory flat (every run's arrays are freed when its output closes). The loop runs in
 * a child JVM whose Java heap is fixed and touched up front, so resident memory can only grow if
 * native memory does.
 */
class NativeMemoryTest {

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** The child JVM: warm up, then 2,000 forwards with a hook and a cache; prints RSS before and after. */
    public static void main(String[] args) throws IOException {
        try (LanguageModel m = LanguageModel.fromDirectory(Path.of(args[0]), "llama");
             HookHandle h = m.addHook("blocks.*.mlp.hook_post", Interventions.zero(1, 2, 3))) {
            long[][] ids = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {20, 21, 22, 23}};
            for (int i = 0; i < 300; i++) runOnce(m, ids); // allocator pools and JIT settle
            long start = rssKb();
            for (int i = 0; i < 2000; i++) runOnce(m, ids);
            System.out.println("RSS " + start + " " + rssKb());
        }
    }

    private static void runOnce(LanguageModel m, long[][] ids) {
        try (ModelOutput o = m.runWithCache(ids, "blocks.*.attn.hook_pattern", "blocks.0.hook_resid_post")) {
            o.cache().get("blocks.1.attn.hook_pattern");
            o.nextToken(0);
        }
    }

    @Test
    void twoThousandHookedForwardsKeepResidentMemoryFlat() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), NativeMemoryTest.class.getName(),
                Fixtures.path("tests/fixtures/models/llama").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        String line = out.lines().filter(l -> l.startsWith("RSS ")).findFirst().orElseThrow(() -> new AssertionError(out));
        List<Long> kb = java.util.Arrays.stream(line.substring(4).split(" ")).map(Long::parseLong).toList();
        long growth = kb.get(1) - kb.get(0);
        System.out.printf("RSS over 2000 hooked, cached forwards: start %d MB, end %d MB (%+.1f MB)%n",
                kb.get(0) / 1024, kb.get(1) / 1024, growth / 1024.0);
        assertTrue(growth < 32 * 1024, "resident memory grew by " + growth / 1024 + " MB over 2000 forwards");
    }
}

package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Interventions;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A notebook calls the model thousands of times: 2,000 hooked and cached forwards in one JVM must
 * leave native memory flat (every run's arrays are freed when its output closes).
 */
class NativeMemoryTest {

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void twoThousandHookedForwardsKeepResidentMemoryFlat() throws IOException {
        try (LanguageModel m = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/llama"), "llama");
             HookHandle h = m.addHook("blocks.*.mlp.hook_post", Interventions.zero(1, 2, 3))) {
            long[][] ids = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {20, 21, 22, 23}};
            for (int i = 0; i < 200; i++) runOnce(m, ids); // warm-up: allocator pools and JIT settle
            long start = rssKb();
            for (int i = 0; i < 2000; i++) runOnce(m, ids);
            long end = rssKb();
            System.out.printf("RSS over 2000 hooked forwards: start %d MB, end %d MB (%+d MB)%n",
                    start / 1024, end / 1024, (end - start) / 1024);
            assertTrue(end - start < 40 * 1024, "native memory grew by " + (end - start) / 1024 + " MB");
        }
    }

    private static void runOnce(LanguageModel m, long[][] ids) {
        try (ModelOutput o = m.runWithCache(ids, "blocks.*.attn.hook_pattern", "blocks.0.hook_resid_post")) {
            o.cache().get("blocks.1.attn.hook_pattern");
            o.nextToken(0);
        }
    }
}

package org.interp4j.decompose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Each token's part agrees with an independent float64 reference written from the paper with
 * plain loops (tests/fixtures/decompose/make_decompose_goldens.py, tiny OPT checkpoint), so the
 * parts are attributed to the right sources, not merely summing to the right total.
 */
class ReferenceDecompositionTest {
    @Test
    void tokenPartsMatchTheReference() throws IOException {
        var json = Fixtures.json("tests/fixtures/decompose/inputs.json").get("ids");
        long[] ids = new long[json.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = json.get(i).asLong();
        Npy.Array want = Npy.read(Fixtures.path("tests/fixtures/decompose/opt_parts.npy"));
        int t = (int) want.shape()[0], d = (int) want.shape()[2];
        float[] w = want.toFloats();
        try (LanguageModel m = DecompositionTest.load("opt");
             Decomposition dec = Decomposer.decompose(m, new long[][] {ids}, Decomposer.ALL)) {
            double worst = 0, largest = 0;
            for (int target = 0; target < t; target++) {
                for (int source = 0; source <= target; source++) {
                    float[] got = dec.part(0, target, source);
                    for (int i = 0; i < d; i++) {
                        float ref = w[(target * t + source) * d + i];
                        worst = Math.max(worst, Math.abs(got[i] - ref));
                        largest = Math.max(largest, Math.abs(ref));
                    }
                }
            }
            System.out.printf("opt reference: max |part − reference| = %.2e (largest part entry %.2f)%n", worst, largest);
            assertTrue(worst < 1e-4, "parts differ from the reference by " + worst);
        }
    }
}

package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The golden samples come sorted by label, but the probe regroups samples by label itself before
 * fitting; here they are shuffled (rows and labels alike), which must not change any result beyond
 * the golden tolerances: same statsmodels iteration counts, parameters, standard errors and p-values
 * within 1e-6, same accuracy and flags.
 */
class UnitProbesShuffledGoldenTest {

    @Test
    void shuffledSamplesGiveTheGoldenResults() throws IOException {
        ProbeGoldens golden = ProbeGoldens.load();
        int n = golden.y.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = golden.x[perm[i]];
            y[i] = golden.y[perm[i]];
        }
        UnitProbeResult fit = UnitProbes.fit(x, y);
        UnitProbeResult sorted = UnitProbes.fit(golden.x, golden.y);
        int checked = 0;
        for (JsonNode u : golden.units) {
            int j = u.get("unit").asInt();
            String name = "unit " + j + " (" + u.get("name").asText() + ")";
            assertEquals(sorted.constant()[j], fit.constant()[j], name + " constant flag");
            assertEquals(sorted.perfectlySeparated()[j], fit.perfectlySeparated()[j], name + " separation flag");
            assertEquals(sorted.accuracy()[j], fit.accuracy()[j], 1e-12, name + " accuracy");
            if (!u.get("status").asText().equals("ok") || !u.get("converged").asBoolean()) continue;
            close(u.get("params").get(1).asDouble(), fit.beta()[j], name + " beta");
            close(u.get("params").get(0).asDouble(), fit.intercept()[j], name + " intercept");
            close(u.get("bse").get(1).asDouble(), fit.stdErrBeta()[j], name + " se(beta)");
            double p = sorted.pValue()[j]; // the unshuffled fit, itself checked against statsmodels
            assertTrue(Math.abs(fit.pValue()[j] - p) <= 1e-6 * p, name + " p-value " + fit.pValue()[j] + " vs " + p);
            if (u.get("iterations").asInt() <= 12) {
                assertEquals(u.get("iterations").asInt(), fit.iterations()[j], name + " iterations");
            }
            checked++;
        }
        assertTrue(checked >= 30, "only " + checked + " estimable units checked");
    }

    private static void close(double expected, double actual, String what) {
        double err = Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
        assertTrue(err <= 1e-6, what + ": expected " + expected + " got " + actual + " (scaled error " + err + ")");
    }
}

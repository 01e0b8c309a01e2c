package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.interp4j.io.Npy;
import org.junit.jupiter.api.Test;

/**
 * 120 ordinary random units (scales 1e-2…1e2, offsets, a third informative) against statsmodels:
 * same iteration count on every unit, parameters within 1e-6·max(1, |value|), p-values within 1e-6
 * relative. These exercise the shortcuts (closed-form first step, Taylor-predicted last step and
 * Hessian) over many convergence paths.
 */
class UnitProbesRandomGoldenTest {

    @Test
    void everyUnitMatchesStatsmodelsIncludingIterationCount() throws IOException {
        ProbeGoldens g = ProbeGoldens.load();
        float[][] x = Npy.read(ProbeGoldens.DIR.resolve("X_random.npy")).toFloatMatrix();
        JsonNode units = new ObjectMapper().readTree(ProbeGoldens.DIR.resolve("statsmodels_random.json").toFile()).get("units");
        UnitProbeResult fit = UnitProbes.fit(x, g.y);
        assertEquals(units.size(), fit.units());
        for (JsonNode u : units) {
            int j = u.get("unit").asInt();
            String name = "random unit " + j;
            assertEquals(u.get("iterations").asInt(), fit.iterations()[j], name + " iterations");
            assertTrue(fit.converged()[j], name);
            double beta = u.get("params").get(1).asDouble(), icpt = u.get("params").get(0).asDouble();
            assertEquals(beta, fit.beta()[j], 1e-6 * Math.max(1, Math.abs(beta)), name + " beta");
            assertEquals(icpt, fit.intercept()[j], 1e-6 * Math.max(1, Math.abs(icpt)), name + " intercept");
            double se = u.get("bse").get(1).asDouble();
            assertEquals(se, fit.stdErrBeta()[j], 1e-6 * Math.max(1, se), name + " se(beta)");
            double p = u.get("pvalues").get(1).asDouble();
            assertEquals(p, fit.pValue()[j], 1e-6 * p, name + " p-value");
            assertEquals(u.get("accuracy").asDouble(), fit.accuracy()[j], 1e-9, name + " accuracy");
        }
    }
}

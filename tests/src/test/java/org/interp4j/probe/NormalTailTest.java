package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Two-sided normal p-values against scipy's {@code 2·norm.sf(z)} (normal_tail.json), far tail included. */
class NormalTailTest {

    @Test
    void matchesScipyDownTo1eMinus300() throws IOException {
        int checked = 0;
        for (JsonNode row : ProbeGoldens.normalTail()) {
            double z = row.get("z").asDouble(), expected = row.get("p").asDouble();
            double actual = NormalTail.twoSided(z);
            assertEquals(actual, NormalTail.twoSided(-z), 0.0, "symmetric at " + z);
            if (expected > 1e-300) {
                assertTrue(Math.abs(actual - expected) <= 1e-6 * expected,
                        "z=" + z + ": scipy " + expected + ", got " + actual);
                checked++;
            } else {
                // Below 1e-300 only "tiny or zero" is promised.
                assertTrue(actual >= 0 && actual <= 1e-290, "z=" + z + " gave " + actual);
            }
        }
        assertTrue(checked >= 25);
    }

    @Test
    void logTailStaysFiniteAndContinuous() {
        double atSwitch = NormalTail.logTwoSided(37.5);
        double justPast = NormalTail.logTwoSided(37.5000001);
        assertEquals(atSwitch, justPast, 1e-4 * Math.abs(atSwitch));
        assertTrue(Double.isFinite(NormalTail.logTwoSided(1e3)));
        assertTrue(NormalTail.logTwoSided(100) < NormalTail.logTwoSided(50));
        assertEquals(Math.log(0.05), NormalTail.logTwoSided(1.959963984540054), 1e-12);
        assertTrue(Double.isNaN(NormalTail.twoSided(Double.NaN)));
    }
}

package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The inlinable exp behind every sigmoid must be as good as Math.exp for the probe's purposes. */
class FastExpTest {

    @Test
    void withinTwoUlpsOfMathExp() {
        SplittableRandom rnd = new SplittableRandom(7);
        double worst = 0;
        for (int k = 0; k < 200_000; k++) {
            double t = rnd.nextDouble(-740, 709);
            double expected = Math.exp(t);
            double err = Math.abs(FastExp.exp(t) - expected) / Math.ulp(expected);
            worst = Math.max(worst, err);
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
    }

    @Test
    void edgesFollowMathExp() {
        assertEquals(1.0, FastExp.exp(0.0), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, FastExp.exp(1000), 0.0);
        assertEquals(0.0, FastExp.exp(-1000), 0.0);
        assertTrue(Double.isNaN(FastExp.exp(Double.NaN)));
        assertEquals(Math.exp(-700), FastExp.exp(-700), Math.ulp(Math.exp(-700)) * 2);
    }
}

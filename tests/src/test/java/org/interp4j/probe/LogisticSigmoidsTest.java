package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorisable sigmoid loop against 1 / (1 + Math.exp(−t)) over the whole range it claims. */
class LogisticSigmoidsTest {

    @Test
    void matchesTheMathExpSigmoidToWithinTenToTheMinusThirteen() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 601; // odd, so the loop's scalar tail is exercised too
        double[] x = new double[n], p = new double[n];
        double worstP = 0, worstW = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double lo = rnd.nextDouble(-1e3, 1e3), hi = lo + rnd.nextDouble(1e-3, 1e3);
            for (int i = 0; i < n; i++) x[i] = rnd.nextDouble(lo, hi);
            // Random parameters scaled so the logits span up to the full ±32.
            double b = rnd.nextDouble(-1, 1) * 64 / (hi - lo), a = -b * (lo + hi) / 2 + rnd.nextDouble(-0.5, 0.5);
            if (!LogisticSigmoids.covers(a, b, lo, hi)) continue;
            LogisticSigmoids.fill(x, n, a, b, p);
            for (int i = 0; i < n; i++) {
                double t = a + b * x[i];
                double expected = 1.0 / (1.0 + Math.exp(-t));
                worstP = Math.max(worstP, Math.abs(p[i] - expected) / expected);
                // The Newton weight p(1−p) is what the Hessian sums. Near p = 1, 1 − p loses digits to
                // rounding in either formula alike, so below 1e-2 the error is measured against 1e-2.
                double w = p[i] * (1 - p[i]), wExpected = expected * (1 - expected);
                worstW = Math.max(worstW, Math.abs(w - wExpected) / Math.max(wExpected, 1e-2));
            }
        }
        assertTrue(worstP <= 1e-13, "worst relative error of p: " + worstP);
        assertTrue(worstW <= 1e-13, "worst error of p(1-p), relative above 1e-2: " + worstW);
    }

    @Test
    void coversOnlyLogitsWithinThirtyTwo() {
        assertTrue(LogisticSigmoids.covers(0, 1, -32, 32));
        assertFalse(LogisticSigmoids.covers(0, 1, -32, 32.001));
        assertFalse(LogisticSigmoids.covers(0.01, 1, -32, 32));
        assertTrue(LogisticSigmoids.covers(1e4, -1, 1e4 - 5, 1e4 + 5));
        assertFalse(LogisticSigmoids.covers(Double.NaN, 1, 0, 1));
    }
}

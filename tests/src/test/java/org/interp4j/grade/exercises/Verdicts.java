package org.interp4j.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interp4j.grade.Check;
import org.interp4j.grade.Verdict;

/** What the exercise tests assert of a self-check's verdict. */
final class Verdicts {

    private Verdicts() {
    }

    /** The function passes the exercise's check. */
    static Verdict passes(String id, Object f, Object... context) {
        Verdict v = Check.verdict(id, f, context);
        assertTrue(v.passed(), id + ": " + v.message());
        return v;
    }

    /** The function fails, and the message quotes no number with 3+ decimals (an expected value would). */
    static String fails(String id, Object f, Object... context) {
        Verdict v = Check.verdict(id, f, context);
        assertFalse(v.passed(), id + " should fail: " + v.message());
        assertFalse(v.message().matches("(?s).*\\d\\.\\d{3,}.*"), "no expected number in: " + v.message());
        return v.message();
    }

    /** {@link #fails}, on the test inputs (it runs and returns something, only not the library's answer). */
    static String differs(String id, Object f, Object... context) {
        String message = fails(id, f, context);
        assertTrue(message.contains("differs from the library"), message);
        return message;
    }
}

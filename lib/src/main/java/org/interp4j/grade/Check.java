package org.interp4j.grade;

import java.io.PrintStream;

/**
 * Self-checks for students, run inside a notebook:
 * <pre>{@code
 * Check.exercise("00.next-token", nextToken);
 * }</pre>
 * prints a green ✔ or a red ✘ with a hint. It uses the same expected values and comparison as
 * the grading rubric, after the same trip through JSON, so a self-check and the grader agree on every
 * value. It never prints an expected value: a wrong answer gets what kind of wrong it is and a hint.
 */
public final class Check {

    private static final String GREEN = "\u001B[32m";
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    private Check() {
    }

    /**
     * Prints whether {@code value} is right for the exercise. For an implement-it exercise,
     * {@code value} is the student's function and {@code context} what the exercise passes along
     * (such as the model); the function and the library's implementation run on the same test inputs.
     */
    public static void exercise(String exerciseId, Object value, Object... context) {
        print(verdict(exerciseId, value, context), System.out);
    }

    /** The verdict without printing. */
    public static Verdict verdict(String exerciseId, Object value, Object... context) {
        var function = Trials.find(exerciseId);
        if (function.isPresent()) {
            try {
                ExerciseContext ctx = ExerciseContext.of(context);
                return Trials.judge(exerciseId, DataExport.parse(Trials.outputs(exerciseId, value, context)), ctx);
            } catch (RuntimeException e) {
                return Verdict.fail(exerciseId, "cannot check this function: " + e.getMessage());
            }
        }
        Expectation expectation;
        try {
            expectation = ExpectationRegistry.find(exerciseId);
        } catch (RuntimeException e) {
            return Verdict.fail(exerciseId, e.getMessage());
        }
        try {
            return expectation.check(DataExport.parse(DataExport.json(value)));
        } catch (RuntimeException e) {
            return Verdict.fail(exerciseId, "cannot check this value: " + e.getMessage());
        }
    }

    static void print(Verdict v, PrintStream out) {
        if (v.passed()) {
            out.println(GREEN + "\u2714 " + v.exercise() + ": " + v.message() + RESET);
        } else {
            out.println(RED + "\u2718 " + v.exercise() + ": " + v.message() + RESET);
        }
    }
}

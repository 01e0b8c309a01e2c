package org.interp4j.grade;

/** Outcome of comparing one exercise's value with what is expected. */
public record Verdict(String exercise, boolean passed, String message) {

    static Verdict pass(String exercise, String message) {
        return new Verdict(exercise, true, message);
    }

    static Verdict fail(String exercise, String message) {
        return new Verdict(exercise, false, message);
    }
}

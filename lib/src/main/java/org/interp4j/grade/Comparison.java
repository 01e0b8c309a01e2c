package org.interp4j.grade;

import java.util.Locale;

/**
 * How an exercise's value is compared with the recorded one.
 * <ul>
 *   <li>{@code exact}: the same data; numbers compare by value (2 equals 2.0);</li>
 *   <li>{@code abs}: same shape, every number within {@code tolerance} of the expected one;</li>
 *   <li>{@code rel}: same shape, every number within {@code tolerance × |expected|};</li>
 *   <li>{@code shape}: only the shape (NDArray/table shape, or nested array lengths);</li>
 *   <li>{@code set}: the same elements in any order;</li>
 *   <li>{@code contains}: the text contains the expected text, or the list every expected
 *       element. The expected part of this kind is written by the author, not recorded.</li>
 * </ul>
 */
public enum Comparison {
    EXACT, ABS, REL, SHAPE, SET, CONTAINS;

    static Comparison parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind \"" + text + "\"; use one of exact, abs, rel, shape, set, contains");
        }
    }

    /** Whether {@code grade --record} stores the solution's value (or its shape) for this kind. */
    public boolean isRecorded() {
        return this != CONTAINS;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

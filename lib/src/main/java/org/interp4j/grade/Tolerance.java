package org.interp4j.grade;

/**
 * How close a number must be to the expected one: {@code |got − want| ≤ abs + rel·|want|}.
 * Integers and text compare exactly whatever the tolerance.
 */
public record Tolerance(double abs, double rel) {

    /** Exactly equal. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(abs >= 0) || !(rel >= 0)) {
            throw new IllegalArgumentException("a tolerance is two non-negative numbers (abs, rel), not " + abs + ", " + rel);
        }
    }

    public static Tolerance abs(double abs) {
        return new Tolerance(abs, 0);
    }

    public static Tolerance rel(double rel) {
        return new Tolerance(0, rel);
    }

    /** Whether {@code got} passes for {@code want}; NaN passes only for NaN, infinities only for themselves. */
    public boolean accepts(double got, double want) {
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            return Double.compare(got, want) == 0;
        }
        return Math.abs(got - want) <= abs + rel * Math.abs(want);
    }
}

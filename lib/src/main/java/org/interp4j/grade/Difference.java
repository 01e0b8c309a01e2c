package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Says what kind of wrong a value is — type, shape, NaN, sign, roughly how far off — without ever
 * saying what the right value is. Self-checks print these words to students, so no message built
 * here contains an expected number, text or element; shapes and indices are named, values are not.
 */
final class Difference {

    private Difference() {
    }

    /** Null when {@code got} matches {@code want} within {@code tol}; otherwise what is wrong with it. */
    static String of(String what, JsonNode got, JsonNode want, Tolerance tol) {
        if (want == null || want.isNull()) {
            return got == null || got.isNull() ? null : what + " should be null (nothing) here";
        }
        if (got == null || got.isNull()) {
            return what + " is null";
        }
        if (isTensor(want) || isTensor(got)) {
            return array(what, got, want, tol);
        }
        if (isNumber(want)) {
            if (!isNumber(got)) {
                List<JsonNode> leaves = Value.leavesOf(got);
                if (!got.isValueNode() && leaves.size() == 1) {
                    return of(what, leaves.get(0), want, tol);
                }
                return what + " should be a single number but is " + kind(got);
            }
            return number(what, Value.number(got), Value.number(want), tol, want.isIntegralNumber());
        }
        if (want.isTextual()) {
            if (!got.isTextual()) {
                return what + " should be text but is " + kind(got);
            }
            return want.asText().equals(got.asText()) ? null
                    : what + " is not the text the method gives" + textHint(got.asText(), want.asText());
        }
        if (want.isBoolean()) {
            if (!got.isBoolean()) {
                return what + " should be true or false but is " + kind(got);
            }
            return want.asBoolean() == got.asBoolean() ? null : what + " has the wrong truth value";
        }
        if (want.isArray()) {
            return array(what, got, want, tol);
        }
        if (want.isObject()) {
            if (!got.isObject()) {
                return what + " should be a record or map but is " + kind(got);
            }
            Iterator<Map.Entry<String, JsonNode>> it = want.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!got.has(f.getKey())) {
                    return what + " has no \"" + f.getKey() + "\"";
                }
                String p = of(what + "." + f.getKey(), got.get(f.getKey()), f.getValue(), tol);
                if (p != null) {
                    return p;
                }
            }
            return got.size() == want.size() ? null : what + " has " + got.size() + " entries; the method gives " + want.size();
        }
        return want.equals(got) ? null : what + " is not what the method gives";
    }

    private static String array(String what, JsonNode got, JsonNode want, Tolerance tol) {
        if (!got.isArray() && !isTensor(got)) {
            return what + " should be an array or list but is " + kind(got);
        }
        long[] wantShape;
        long[] gotShape;
        try {
            wantShape = Value.shapeOf(want, "the expected value");
            gotShape = Value.shapeOf(got, what);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        if (!Arrays.equals(wantShape, gotShape)) {
            return what + " has shape " + Arrays.toString(gotShape) + "; the method gives shape " + Arrays.toString(wantShape);
        }
        List<JsonNode> w = Value.leavesOf(want);
        List<JsonNode> g = Value.leavesOf(got);
        if (w.size() != g.size()) {
            return what + " has " + g.size() + " elements; the method gives " + w.size();
        }
        int wrong = 0;
        String first = null;
        for (int i = 0; i < w.size(); i++) {
            String p = of("element " + i, g.get(i), w.get(i), tol);
            if (p != null) {
                wrong++;
                if (first == null) {
                    first = p;
                }
            }
        }
        if (wrong == 0) {
            return null;
        }
        return what + ": " + wrong + " of " + w.size() + " elements differ from the method's; the first: " + first;
    }

    private static String number(String what, double got, double want, Tolerance tol, boolean whole) {
        if (tol.accepts(got, want)) {
            return null;
        }
        if (Double.isNaN(got)) {
            return what + " is NaN (a 0/0 or a log of a negative number somewhere?)";
        }
        if (Double.isInfinite(got)) {
            return what + " is infinite (a division by zero or an exp that overflows?)";
        }
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            return what + " should not be a finite number here";
        }
        if (whole && got == Math.rint(got)) {
            return what + " is not the whole number the method gives";
        }
        if (want != 0 && got != 0 && Math.signum(got) != Math.signum(want)) {
            return what + " has the wrong sign";
        }
        if (got == 0) {
            return what + " is 0, but the method gives a non-zero value";
        }
        if (want == 0) {
            return what + " should be 0 (within the tolerance), but is not";
        }
        double ratio = Math.abs(got / want);
        String dir = ratio > 1 ? "too large" : "too small";
        double off = Math.abs(got - want) / Math.abs(want);
        String how;
        if (off < 0.01) {
            how = "slightly (less than 1%) " + dir + ": a rounding or float/double issue, or a small step missing?";
        } else if (off < 0.1) {
            how = "a few percent " + dir;
        } else if (off < 0.5) {
            how = "10-50% " + dir;
        } else if (ratio < 10 && ratio > 0.1) {
            how = "far " + dir + " (by more than half)";
        } else {
            how = dir + " by an order of magnitude or more";
        }
        return what + " is " + how;
    }

    private static String textHint(String got, String want) {
        if (got.strip().equals(want.strip())) {
            return " (look at the spaces around it: tokens often start with one)";
        }
        if (got.equalsIgnoreCase(want)) {
            return " (upper/lower case differs)";
        }
        return "";
    }

    private static boolean isNumber(JsonNode n) {
        return n.isNumber() || (n.isTextual() && (n.asText().equals("NaN") || n.asText().equals("Infinity")
                || n.asText().equals("-Infinity")));
    }

    static boolean isTensor(JsonNode n) {
        return n.isObject() && n.get("shape") != null && n.get("shape").isArray() && n.get("data") != null;
    }

    /** What a value is, by kind only (never its content). */
    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (isNumber(n)) {
            return "a number";
        }
        if (n.isTextual()) {
            return "text";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (isTensor(n)) {
            return "an NDArray of shape " + n.get("shape");
        }
        if (n.isArray()) {
            return "a list of " + n.size();
        }
        if (n.isObject() && n.has("class")) {
            return "an object of class " + n.get("class").asText();
        }
        return "an object";
    }
}

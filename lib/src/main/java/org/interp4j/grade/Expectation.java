package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one exercise must produce: the variable holding the answer, how to compare it, the value
 * recorded from the solution, a tolerance and a hint for the student. The one comparison both
 * {@link Check} (student side) and the rubric (grader side) use.
 */
record Expectation(String id, String variable, Comparison kind, JsonNode expected, double tolerance,
                          String hint) {

    /** Compares a value (as made by {@link DataExport}) with the expected one. */
    Verdict check(JsonNode value) {
        if (expected == null || expected.isMissingNode()) {
            return Verdict.fail(id, "no expected value recorded for " + id
                    + "; run: interp4j grade --record <solution notebook>");
        }
        String problem;
        try {
            problem = switch (kind) {
                case EXACT -> Difference.of(variable, value, expected, Tolerance.EXACT);
                case ABS -> Difference.of(variable, value, expected, Tolerance.abs(tolerance));
                case REL -> Difference.of(variable, value, expected, Tolerance.rel(tolerance));
                case SHAPE -> shape(value);
                case SET -> set(value);
                case CONTAINS -> contains(value);
            };
        } catch (IllegalStateException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            return Verdict.pass(id, "correct");
        }
        return Verdict.fail(id, hint == null || hint.isBlank() ? problem : problem + ". Hint: " + hint);
    }

    /** The part of a solution's value that {@code --record} stores for this kind. */
    JsonNode recordable(JsonNode value) {
        if (kind == Comparison.SHAPE) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (long d : Value.shapeOf(value, variable)) {
                a.add(d);
            }
            return a;
        }
        return value;
    }

    private static String exact(JsonNode value, JsonNode want, String where) {
        if (want.isNumber() || (want.isTextual() && isSpecialNumber(want.asText()) && value.isNumber())) {
            if (!value.isNumber() && !(value.isTextual() && isSpecialNumber(value.asText()))) {
                return where + " is " + Value.describe(value) + ", expected the number " + Value.describe(want);
            }
            double a = Value.number(value);
            double e = Value.number(want);
            return Double.compare(a, e) == 0 || a == e ? null
                    : where + " is " + fmt(a) + ", expected " + fmt(e);
        }
        if (want.isArray()) {
            if (!value.isArray()) {
                return where + " should be a list of " + want.size() + " but is " + Value.describe(value);
            }
            if (value.size() != want.size()) {
                return where + " has " + value.size() + " elements, expected " + want.size();
            }
            for (int i = 0; i < want.size(); i++) {
                String p = exact(value.get(i), want.get(i), where + "[" + i + "]");
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (want.isObject()) {
            if (!value.isObject()) {
                return where + " is " + Value.describe(value) + ", expected " + Value.describe(want);
            }
            Iterator<Map.Entry<String, JsonNode>> it = want.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!value.has(f.getKey())) {
                    return where + " has no \"" + f.getKey() + "\"";
                }
                String p = exact(value.get(f.getKey()), f.getValue(), where + "." + f.getKey());
                if (p != null) {
                    return p;
                }
            }
            if (value.size() != want.size()) {
                return where + " has " + value.size() + " entries, expected " + want.size();
            }
            return null;
        }
        return want.equals(value) ? null
                : where + " is " + Value.describe(value) + ", expected " + Value.describe(want);
    }

    private String shape(JsonNode value) {
        long[] got = Value.shapeOf(value, variable);
        long[] want = Value.shapeOf(expected.isArray() && isFlatLongs(expected) ? wrapShape(expected) : expected,
                "the expected shape");
        return Arrays.equals(got, want) ? null
                : variable + " has shape " + Arrays.toString(got) + ", which is not the shape the method gives"
                        + (got.length == want.length ? "" : " (it has " + got.length + " dimensions, the method's "
                        + want.length + ")");
    }

    private String set(JsonNode value) {
        if (!value.isArray() || !expected.isArray()) {
            return variable + " should be a list but is " + Value.describe(value);
        }
        List<JsonNode> missing = new ArrayList<>();
        List<JsonNode> left = new ArrayList<>();
        value.forEach(left::add);
        for (JsonNode e : expected) {
            int at = indexOf(left, e);
            if (at < 0) {
                missing.add(e);
            } else {
                left.remove(at);
            }
        }
        if (missing.isEmpty() && left.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(variable + " does not hold the expected elements");
        if (!missing.isEmpty()) {
            sb.append("; ").append(missing.size()).append(" expected element(s) are missing");
        }
        if (!left.isEmpty()) {
            sb.append("; ").append(left.size()).append(" element(s) should not be there");
        }
        return sb.toString();
    }

    private String contains(JsonNode value) {
        if (expected.isTextual()) {
            if (!value.isTextual()) {
                return variable + " should be text but is " + Value.describe(value);
            }
            return value.asText().contains(expected.asText()) ? null
                    : variable + " does not contain the expected text";
        }
        if (!value.isArray()) {
            return variable + " should be a list but is " + Value.describe(value);
        }
        List<JsonNode> got = new ArrayList<>();
        value.forEach(got::add);
        for (JsonNode e : expected.isArray() ? expected : JsonNodeFactory.instance.arrayNode().add(expected)) {
            if (indexOf(got, e) < 0) {
                return variable + " lacks an element the method gives";
            }
        }
        return null;
    }

    private static int indexOf(List<JsonNode> list, JsonNode e) {
        for (int i = 0; i < list.size(); i++) {
            if (exact(list.get(i), e, "") == null) {
                return i;
            }
        }
        return -1;
    }

    // A recorded shape is a flat list of lengths; read it as the shape itself.
    private static boolean isFlatLongs(JsonNode a) {
        for (JsonNode n : a) {
            if (!n.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode wrapShape(JsonNode dims) {
        return JsonNodeFactory.instance.objectNode().set("shape", dims);
    }

    private static boolean isSpecialNumber(String s) {
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}

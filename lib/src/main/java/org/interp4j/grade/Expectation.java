package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
            if (Difference.of("", list.get(i), e, Tolerance.EXACT) == null) {
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
}

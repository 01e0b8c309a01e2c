package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Wrong answers made from a right one, as data: what a student could hand in without doing the
 * work (zero, a constant, null, empty, the first or last index, the sign flipped) and near misses.
 */
final class WrongAnswers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WrongAnswers() {
    }

    /** Trivial answers, by name, of the same kind as {@code right} where that makes sense. */
    static Map<String, JsonNode> trivial(JsonNode right) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("null", NODES.nullNode());
        out.put("0", NODES.numberNode(0));
        out.put("0.0", NODES.numberNode(0.0));
        out.put("1", NODES.numberNode(1));
        out.put("-1", NODES.numberNode(-1));
        out.put("empty list", NODES.arrayNode());
        out.put("empty text", NODES.textNode(""));
        out.put("zeros of the right shape", map(right, x -> 0));
        out.put("ones of the right shape", map(right, x -> 1));
        out.put("sign flipped", map(right, x -> -x));
        int n = right.isArray() ? right.size() : -1;
        if (n > 0) {
            out.put("first index", NODES.numberNode(0));
            out.put("last index", NODES.numberNode(n - 1));
            out.put("the first element everywhere", fill(right, right.get(0)));
        }
        return out;
    }

    /** Near misses: scaled, shifted, reversed. */
    static Map<String, JsonNode> nearMisses(JsonNode right) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("times 1.5", map(right, x -> 1.5 * x));
        out.put("plus 1", map(right, x -> x + 1));
        out.put("times 0.9", map(right, x -> 0.9 * x));
        if (right.isArray() && right.size() > 1) {
            ArrayNode r = NODES.arrayNode();
            for (int i = right.size() - 1; i >= 0; i--) {
                r.add(right.get(i));
            }
            out.put("reversed", r);
        }
        return out;
    }

    /** Ways the right value could be written in a message; a student message must contain none of them. */
    static List<String> renderings(JsonNode right) {
        List<String> out = new ArrayList<>();
        collect(right, out);
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n == null || n.isNull()) {
            return;
        }
        if (Difference.isTensor(n)) {
            collect(n.get("data"), out);
        } else if (n.isArray()) {
            if (n.size() > 1) {
                out.add(n.toString());
            }
            n.forEach(e -> collect(e, out));
        } else if (n.isObject()) {
            n.fields().forEachRemaining(f -> collect(f.getValue(), out));
        } else if (n.isTextual()) {
            String t = n.asText();
            if (!t.isBlank()) {
                out.add("\"" + t + "\"");
            }
            if (t.strip().length() >= 5) {
                out.add(t.strip());
            }
        } else if (n.isNumber()) {
            double d = n.asDouble();
            if (d == Math.rint(d)) {
                if (Math.abs(d) >= 100) {
                    out.add(Long.toString((long) d));
                }
                return;
            }
            out.add(Double.toString(d));
            out.add(Float.toString((float) d));
            for (String f : new String[] {"%.6g", "%.4g", "%.3g", "%.4f", "%.3f"}) {
                String s = String.format(Locale.ROOT, f, d);
                if (s.replaceAll("[^1-9]", "").length() >= 2) {
                    out.add(s);
                }
            }
        }
    }

    private static JsonNode map(JsonNode n, DoubleUnaryOperator f) {
        if (n == null || n.isNull()) {
            return NODES.nullNode();
        }
        if (n.isNumber()) {
            double v = f.applyAsDouble(n.asDouble());
            return n.isIntegralNumber() && v == Math.rint(v) ? NODES.numberNode((long) v) : NODES.numberNode(v);
        }
        if (n.isArray()) {
            ArrayNode a = NODES.arrayNode();
            n.forEach(e -> a.add(map(e, f)));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = NODES.objectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(),
                    e.getKey().equals("shape") || e.getKey().equals("dtype") ? e.getValue() : map(e.getValue(), f)));
            return o;
        }
        if (n.isTextual()) {
            return NODES.textNode(""); // no number to change: the trivial text
        }
        return n;
    }

    private static JsonNode fill(JsonNode array, JsonNode element) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < array.size(); i++) {
            a.add(element.deepCopy());
        }
        return a;
    }
}

package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A notebook variable as data (see {@link DataExport} for how Java values map to JSON), with
 * typed getters. A getter that does not fit the data throws {@link IllegalStateException} with a
 * message naming the variable and what it holds, which a rubric reports as the failure.
 */
public final class Value {

    private final String name;
    private final JsonNode json;

    public Value(String name, JsonNode json) {
        this.name = name;
        this.json = json;
    }

    public String name() {
        return name;
    }

    /** The raw JSON data. */
    public JsonNode json() {
        return json;
    }

    public boolean isNull() {
        return json == null || json.isNull();
    }

    public long asLong() {
        JsonNode n = scalar();
        if (n.isIntegralNumber() || (n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
            return n.asLong();
        }
        throw wrong("a whole number");
    }

    public int asInt() {
        return Math.toIntExact(asLong());
    }

    public double asDouble() {
        return number(scalar());
    }

    public boolean asBoolean() {
        JsonNode n = scalar();
        if (!n.isBoolean()) {
            throw wrong("a boolean");
        }
        return n.asBoolean();
    }

    public String asString() {
        JsonNode n = scalar();
        if (!n.isTextual()) {
            throw wrong("a string");
        }
        return n.asText();
    }

    /** All numbers, flattened in row-major order (nested arrays, NDArray data, lists). */
    public double[] asDoubleArray() {
        List<JsonNode> leaves = leaves();
        double[] out = new double[leaves.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(leaves.get(i));
        }
        return out;
    }

    public long[] asLongArray() {
        List<JsonNode> leaves = leaves();
        long[] out = new long[leaves.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = leaves.get(i);
            if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
                throw wrong("whole numbers");
            }
            out[i] = n.asLong();
        }
        return out;
    }

    public int[] asIntArray() {
        long[] l = asLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = Math.toIntExact(l[i]);
        }
        return out;
    }

    public List<String> asStringList() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : leaves()) {
            if (!n.isTextual()) {
                throw wrong("a list of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    /** Elements of a JSON array (list, Java array) as values. */
    public List<Value> asList() {
        if (!json.isArray()) {
            throw wrong("a list or array");
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            out.add(new Value(name + "[" + i + "]", json.get(i)));
        }
        return out;
    }

    /** A field of a record/map/table value. */
    public Value get(String field) {
        if (!json.isObject() || !json.has(field)) {
            throw wrong("an object with field \"" + field + "\"");
        }
        return new Value(name + "." + field, json.get(field));
    }

    /**
     * The shape: an NDArray's or table's {@code shape}; for nested arrays the length at each level
     * (they must be rectangular); a scalar has shape {@code []}.
     */
    public long[] shape() {
        return shapeOf(json, name);
    }

    static long[] shapeOf(JsonNode json, String name) {
        if (json.isObject() && json.get("shape") instanceof ArrayNode s) {
            long[] out = new long[s.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.get(i).asLong();
            }
            return out;
        }
        List<Long> dims = new ArrayList<>();
        JsonNode n = json;
        while (n.isArray()) {
            dims.add((long) n.size());
            if (n.size() == 0) {
                break;
            }
            int width = n.get(0).isArray() ? n.get(0).size() : -1;
            for (JsonNode e : n) {
                if ((e.isArray() ? e.size() : -1) != width) {
                    throw new IllegalStateException(name + " is a ragged array: its rows differ in length");
                }
            }
            n = n.get(0);
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** Numbers of a scalar, keeping NaN/Infinity which travel as text. */
    static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            switch (n.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalStateException("expected a number but found " + describe(n));
    }

    private JsonNode scalar() {
        JsonNode n = json;
        // A one-element array/NDArray counts as its element, as NDArray.getFloat() does.
        List<JsonNode> leaves = leavesOf(n);
        if (!n.isValueNode() && leaves.size() == 1) {
            return leaves.get(0);
        }
        if (!n.isValueNode()) {
            throw wrong("a single value");
        }
        return n;
    }

    private List<JsonNode> leaves() {
        return leavesOf(json);
    }

    static List<JsonNode> leavesOf(JsonNode json) {
        List<JsonNode> out = new ArrayList<>();
        if (json.isObject() && json.has("shape") && json.get("data") != null && json.get("data").isArray()) {
            collect(json.get("data"), out);
        } else {
            collect(json, out);
        }
        return out;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isArray()) {
            n.forEach(e -> collect(e, out));
        } else if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                collect(it.next().getValue(), out);
            }
        } else {
            out.add(n);
        }
    }

    private IllegalStateException wrong(String wanted) {
        return new IllegalStateException(name + " should be " + wanted + " but is " + describe(json));
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        String text = n.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    @Override
    public String toString() {
        return name + " = " + describe(json);
    }
}

package org.interp4j.grade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a notebook variable into plain JSON data, in the notebook's own JVM, so the grader can
 * read it without trusting any code of the notebook: numbers, strings, booleans, characters,
 * enums (their name), arrays, collections (JSON arrays), maps (objects keyed by
 * {@code toString()} of the key), records (objects of their components), {@link Optional},
 * DJL {@link NDArray}s as {@code {"shape": [...], "dtype": "...", "data": [flat values]}} and
 * Tablesaw {@link Table}s as {@code {"shape": [rows, columns], "columns": [...], "data": {name:
 * [values]}}}. Anything else becomes {@code {"class": name, "string": toString()}}.
 *
 * <p>The text is pure ASCII (other characters are {@code \\u} escapes) so it crosses JShell's
 * value channel unchanged. Self-checks and the grader both compare values only after a trip
 * through {@link #json(Object)} and {@link #parse(String)}, so they see exactly the same data.
 */
public final class DataExport {

    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private DataExport() {
    }

    /** The value as compact ASCII JSON text. */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(tree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write value as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads text made by {@link #json(Object)}. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON data: " + e.getOriginalMessage(), e);
        }
    }

    /** The value as a JSON tree. */
    public static JsonNode tree(Object value) {
        return node(value, 0);
    }

    private static JsonNode node(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof JsonNode j) {
            return j;
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(f.toString());
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof Optional<?> o) {
            return node(o.orElse(null), depth + 1);
        }
        if (v.getClass().isArray()) {
            ArrayNode a = NODES.arrayNode();
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                a.add(node(Array.get(v, i), depth + 1));
            }
            return a;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            for (Object o : c) {
                a.add(node(o, depth + 1));
            }
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), node(e.getValue(), depth + 1));
            }
            return o;
        }
        if (v instanceof Record r) {
            return record(r, depth);
        }
        if (isNdArray(v)) {
            return ndArray((NDArray) v);
        }
        if (isTable(v)) {
            return table((Table) v, depth);
        }
        ObjectNode o = NODES.objectNode();
        o.put("class", v.getClass().getName());
        o.put("string", String.valueOf(v));
        return o;
    }

    private static JsonNode number(double d) {
        // JSON has no NaN or infinities; keep them readable as text, Value reads them back.
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
    }

    private static JsonNode record(Record r, int depth) {
        ObjectNode o = NODES.objectNode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                o.set(c.getName(), node(c.getAccessor().invoke(r), depth + 1));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read record component " + c.getName() + ": " + e, e);
            }
        }
        return o;
    }

    // DJL and Tablesaw are optional at run time: test for them by name before touching them.
    private static boolean isNdArray(Object v) {
        return implementsType(v.getClass(), "ai.djl.ndarray.NDArray");
    }

    private static boolean isTable(Object v) {
        return implementsType(v.getClass(), "tech.tablesaw.api.Table");
    }

    private static boolean implementsType(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : k.getInterfaces()) {
                if (implementsType(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode ndArray(NDArray array) {
        ObjectNode o = NODES.objectNode();
        ArrayNode shape = o.putArray("shape");
        for (long s : array.getShape().getShape()) {
            shape.add(s);
        }
        o.put("dtype", array.getDataType().toString().toLowerCase(Locale.ROOT));
        ArrayNode data = o.putArray("data");
        if (array.getDataType() == DataType.BOOLEAN) {
            for (boolean b : array.toBooleanArray()) {
                data.add(b);
            }
        } else {
            for (Number n : array.toArray()) {
                data.add(node(n, 1));
            }
        }
        return o;
    }

    private static JsonNode table(Table t, int depth) {
        ObjectNode o = NODES.objectNode();
        o.putArray("shape").add(t.rowCount()).add(t.columnCount());
        ArrayNode names = o.putArray("columns");
        ObjectNode data = o.putObject("data");
        for (Column<?> c : t.columns()) {
            names.add(c.name());
            ArrayNode values = data.putArray(c.name());
            for (int i = 0; i < c.size(); i++) {
                values.add(c.isMissing(i) ? NODES.nullNode() : node(c.get(i), depth + 2));
            }
        }
        return o;
    }
}

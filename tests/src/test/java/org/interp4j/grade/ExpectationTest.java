package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ExpectationTest {

    private static final Expectations EXP;

    static {
        try {
            EXP = Expectations.parse("""
                    {"exercises": {
                      "t.exact": {"variable": "a", "kind": "exact", "expected": [1, 2.5, "x"], "hint": "look again"},
                      "t.abs": {"variable": "b", "kind": "abs", "tolerance": 0.01, "expected": [[1.0, 2.0], [3.0, 4.0]]},
                      "t.rel": {"variable": "c", "kind": "rel", "tolerance": 0.001, "expected": 1000},
                      "t.shape": {"variable": "d", "kind": "shape", "expected": [2, 3]},
                      "t.set": {"variable": "e", "kind": "set", "expected": ["x", "y", "y"]},
                      "t.contains": {"variable": "f", "kind": "contains", "expected": "Paris"},
                      "t.nan": {"variable": "g", "kind": "exact", "expected": "NaN"},
                      "t.unrecorded": {"variable": "h", "kind": "exact"}
                    }}""", "inline");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Verdict check(String id, Object value) {
        return EXP.get(id).check(DataExport.parse(DataExport.json(value)));
    }

    @Test
    void exactComparesDataNumbersByValue() {
        assertTrue(check("t.exact", List.of(1.0, 2.5, "x")).passed());
        Verdict v = check("t.exact", List.of(1, 2.5, "y"));
        assertFalse(v.passed());
        assertTrue(v.message().contains("element 2") && v.message().endsWith("Hint: look again"), v.message());
        assertFalse(v.message().contains("\"x\""), "the expected text is never shown: " + v.message());
        assertFalse(check("t.exact", List.of(1, 2.5)).passed());
    }

    @Test
    void absAndRelUseTheTolerance() {
        assertTrue(check("t.abs", new double[][] {{1.005, 2}, {3, 4}}).passed());
        Verdict off = check("t.abs", new double[][] {{1.02, 2}, {3, 4}});
        assertFalse(off.passed());
        assertTrue(off.message().contains("element 0") && off.message().contains("too large"), off.message());
        assertFalse(off.message().contains("1.0"), "the expected number is never shown: " + off.message());
        Verdict shape = check("t.abs", new double[] {1, 2, 3, 4});
        assertTrue(shape.message().contains("shape [4]"), shape.message());
        assertTrue(check("t.rel", 1000.9).passed());
        assertFalse(check("t.rel", 1001.1).passed());
        assertFalse(check("t.rel", "1000").passed());
    }

    @Test
    void shapeSetContains() {
        assertTrue(check("t.shape", new int[2][3]).passed());
        assertFalse(check("t.shape", new int[3][2]).passed());
        assertTrue(check("t.set", List.of("y", "x", "y")).passed());
        assertFalse(check("t.set", Set.of("x", "y")).passed());
        assertTrue(check("t.contains", "the capital is Paris.").passed());
        assertFalse(check("t.contains", "Lyon").passed());
        assertTrue(check("t.nan", Double.NaN).passed());
    }

    @Test
    void missingExpectedValueSaysHowToRecordIt() {
        Verdict v = check("t.unrecorded", 1);
        assertFalse(v.passed());
        assertTrue(v.message().contains("--record"), v.message());
    }

    @Test
    void exportsRecordsMapsTablesAndOddNumbers() {
        record P(int a, String b) {
        }
        assertEquals("{\"a\":1,\"b\":\"\\u00E9\"}", DataExport.json(new P(1, "é")));
        assertEquals("{\"k\":[1,2]}", DataExport.json(Map.of("k", new long[] {1, 2})));
        assertEquals("[\"NaN\",\"Infinity\",1.5]", DataExport.json(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1.5}));
        Table t = Table.create("t", StringColumn.create("w", "a", "b"), DoubleColumn.create("x", 1.0, 2.0));
        Value table = new Value("t", DataExport.parse(DataExport.json(t)));
        assertArrayEquals(new long[] {2, 2}, table.shape());
        assertEquals(List.of("a", "b"), table.get("data").get("w").asStringList());
        assertArrayEquals(new double[] {1, 2}, table.get("data").get("x").asDoubleArray());
    }

    @Test
    void valueGettersExplainMismatches() {
        Value v = new Value("xs", DataExport.parse(DataExport.json(new int[][] {{1, 2}, {3, 4}})));
        assertArrayEquals(new long[] {1, 2, 3, 4}, v.asLongArray());
        assertArrayEquals(new long[] {2, 2}, v.shape());
        IllegalStateException e = assertThrows(IllegalStateException.class, v::asString);
        assertTrue(e.getMessage().startsWith("xs should be a single value"), e.getMessage());
        assertEquals(7L, new Value("n", DataExport.parse(DataExport.json(7))).asLong());
        assertEquals(0.5, new Value("n", DataExport.parse(DataExport.json(new float[] {0.5f}))).asDouble());
    }
}

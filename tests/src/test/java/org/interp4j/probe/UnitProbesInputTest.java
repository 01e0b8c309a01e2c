package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Input forms, outputs (mask, table, CSV) and the messages for bad input. */
class UnitProbesInputTest {

    @Test
    void ndArrayInputGivesTheSameFitAsRows() throws IOException {
        ProbeGoldens g = ProbeGoldens.load();
        int n = g.x.length, units = g.x[0].length;
        float[] flat = new float[n * units];
        for (int i = 0; i < n; i++) System.arraycopy(g.x[i], 0, flat, i * units, units);
        UnitProbeResult rows = UnitProbes.fit(g.x, g.y);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat, new Shape(n, units)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            NDArray y = m.create(g.y);
            UnitProbeResult nd = UnitProbes.fit(x, y);
            assertArrayEquals(rows.beta(), nd.beta(), 0.0);
            assertArrayEquals(rows.pValue(), nd.pValue(), 0.0);
            assertArrayEquals(rows.accuracy(), nd.accuracy(), 0.0);
        }
    }

    @Test
    void bonferroniMaskIsTheLectureRule() {
        double[] p = {1e-6, 1e-6, 0.01, Double.NaN, 0.0124};
        double[] beta = {0.5, -0.5, 0.5, Double.POSITIVE_INFINITY, 1.0};
        // alpha/units = 0.05/5 = 0.01, strict
        assertArrayEquals(new boolean[] {true, false, false, false, false}, UnitProbes.bonferroniMask(p, beta));
        assertArrayEquals(new boolean[] {true, false, true, false, true}, UnitProbes.bonferroniMask(p, beta, 0.1));
    }

    @Test
    void bonferroniMaskOfGoldenFit() throws IOException {
        ProbeGoldens g = ProbeGoldens.load();
        UnitProbeResult fit = UnitProbes.fit(g.x, g.y);
        boolean[] mask = fit.bonferroniMask();
        for (int j = 0; j < mask.length; j++) {
            boolean expected = fit.pValue()[j] < 0.05 / mask.length && fit.beta()[j] > 0;
            assertEquals(expected, mask[j]);
        }
        assertTrue(mask[9], "graded_2.5 is a strong positive unit");
        assertTrue(!mask[10], "negative_0.8 has a negative slope");
        assertTrue(!mask[0], "graded_0.0 has no effect");
    }

    @Test
    void tableAndCsvHaveTheSeedColumns() throws IOException {
        float[][] x = {{0f, 1f}, {1f, 1f}, {2f, 1f}, {0.5f, 1f}, {3f, 1f}, {1.5f, 1f}};
        int[] y = {0, 1, 1, 0, 1, 0};
        UnitProbeResult r = UnitProbes.fit(x, y);
        Table t = r.toTable();
        assertEquals(java.util.List.of("unit", "beta", "intercept", "pvalue", "accuracy"), t.columnNames());
        assertEquals(2, t.rowCount());
        StringWriter w = new StringWriter();
        r.writeCsv(w);
        String[] lines = w.toString().split("\n");
        assertEquals("unit,beta,intercept,pvalue,accuracy", lines[0]);
        assertTrue(lines[2].startsWith("1,NaN,"), lines[2]);
        assertEquals(r.beta()[0], Double.parseDouble(lines[1].split(",")[1]), 0.0);
    }

    @Test
    void badInputsSayWhatToDo() {
        float[][] x = {{0f}, {1f}, {2f}};
        assertMessage(() -> UnitProbes.fit(x, new int[] {0, 1}), "Got 2 labels for 3 samples");
        assertMessage(() -> UnitProbes.fit(x, new int[] {0, 2, 1}), "Label 2 at sample 1 is not 0 or 1");
        assertMessage(() -> UnitProbes.fit(x, new int[] {1, 1, 1}), "All 3 labels are 1");
        assertMessage(() -> UnitProbes.fit(new float[][] {{0f, 1f}, {1f}}, new int[] {0, 1}), "rectangular");
        assertMessage(() -> UnitProbes.fit(new float[][] {{0f}, {Float.NaN}}, new int[] {0, 1}), "unit 0 at sample 1 is NaN");
        assertMessage(() -> UnitProbes.bonferroniMask(new double[2], new double[3]), "same probe");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}

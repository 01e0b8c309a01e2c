package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DataExportNdArrayTest {

    @Test
    void ndArrayBecomesShapeAndFlatData() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1.5f, 2, 3, 4, 5, 6}, new Shape(2, 3));
            Value v = new Value("a", DataExport.parse(DataExport.json(a)));
            assertArrayEquals(new long[] {2, 3}, v.shape());
            assertArrayEquals(new double[] {1.5, 2, 3, 4, 5, 6}, v.asDoubleArray());
            assertEquals("float32", v.json().get("dtype").asText());
            Value b = new Value("b", DataExport.parse(DataExport.json(manager.create(new boolean[] {true, false}))));
            assertEquals("[true,false]", b.json().get("data").toString());
        }
    }
}

package org.interp4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Every supported tensor type decodes bit-identically to gguf-py's dequantize (make_gguf_goldens.py). */
class GgufDequantizeTest {
    private static Gguf gguf;
    private static JsonNode expected;

    @BeforeAll
    static void open() throws IOException {
        gguf = Gguf.open(GgufTestFiles.fixture("gguf/quants.gguf"));
        expected = new ObjectMapper().readTree(GgufTestFiles.fixture("gguf/expected/files.json").toFile());
    }

    @AfterAll
    static void close() throws IOException {
        gguf.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32_3d", "f32_1d", "f16", "bf16", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0",
            "q2_k", "q3_k", "q4_k", "q5_k", "q6_k"})
    void decodesLikeGgufPy(String name) throws IOException {
        Npy.Array want = Npy.read(GgufTestFiles.fixture("gguf/expected/" + name + ".npy"));
        GgufTensorInfo info = gguf.tensorInfo(name);
        assertArrayEquals(want.shape(), info.shape(), "numpy shape is the GGUF dims reversed");
        float[] got = gguf.readFloats(name);
        float[] ref = want.toFloats();
        assertEquals(ref.length, got.length);
        int nonZero = 0;
        for (int i = 0; i < ref.length; i++) {
            assertEquals(Float.floatToIntBits(ref[i]), Float.floatToIntBits(got[i]),
                    name + "[" + i + "]: expected " + ref[i] + ", got " + got[i]);
            if (got[i] != 0) nonZero++;
        }
        assertTrue(nonZero > ref.length / 2, "the fixture exercises real values");
    }

    @Test
    void ndArrayHasHfShapeAndOrder() throws IOException {
        float[] flat = gguf.readFloats("f32_3d");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = gguf.read("f32_3d", manager);
            assertArrayEquals(new long[] {2, 3, 4}, a.getShape().getShape());
            assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, a.getDataType());
            assertEquals(flat[1 * 12 + 2 * 4 + 3], a.getFloat(1, 2, 3));
            NDArray q = gguf.read("q6_k", manager);
            assertArrayEquals(new long[] {3, 512}, q.getShape().getShape());
        }
    }

    @Test
    void tensorInfosMatchGgufPy() {
        JsonNode file = expected.get("quants.gguf");
        assertEquals(file.get("data_offset").asLong(), gguf.dataOffset());
        assertEquals(64, gguf.alignment());
        assertEquals(file.get("tensors").size(), gguf.tensorNames().size());
        int i = 0;
        for (JsonNode t : file.get("tensors")) {
            String name = t.get("name").asText();
            assertEquals(name, gguf.tensorNames().get(i++), "file order");
            GgufTensorInfo info = gguf.tensorInfo(name);
            assertEquals(t.get("type").asText(), info.type().name());
            assertEquals(t.get("offset").asLong(), info.offset());
            long[] dims = new long[t.get("dims").size()];
            for (int d = 0; d < dims.length; d++) dims[d] = t.get("dims").get(d).asLong();
            assertArrayEquals(dims, info.dims());
        }
    }

    @Test
    void readsVersion2() throws IOException {
        Path v2 = GgufTestFiles.fixture("gguf/quants_v2.gguf");
        try (Gguf g = Gguf.open(v2)) {
            assertEquals(2, g.version());
            assertEquals(32, g.alignment());
            assertEquals(expected.get("quants_v2.gguf").get("data_offset").asLong(), g.dataOffset());
            for (String name : new String[] {"w", "q"}) {
                float[] ref = Npy.read(GgufTestFiles.fixture("gguf/expected/v2_" + name + ".npy")).toFloats();
                assertArrayEquals(ref, g.readFloats(name), 0f);
            }
        }
    }

    @Test
    void unknownTensorNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gguf.readFloats("q4_2"));
        assertTrue(e.getMessage().contains("no tensor 'q4_2'"), e.getMessage());
    }
}

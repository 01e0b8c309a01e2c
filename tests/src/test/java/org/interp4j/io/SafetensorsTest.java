package org.interp4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    private static final Path MIXED = SafetensorsFixtures.dir().resolve("mixed.safetensors");

    @TempDir
    Path tmp;

    @Test
    void readsEveryDtypeAsFloat32MatchingTheReference() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = Safetensors.read(MIXED, m);
            // file order, as safetensors.torch.load_file returns them (the writer groups by alignment)
            assertEquals(List.of("e.i64", "d.f64", "a.f32", "scalar", "c.bf16", "b.f16"), List.copyOf(t.keySet()));
            for (String name : List.of("a.f32", "b.f16", "c.bf16", "d.f64", "scalar")) {
                NDArray a = t.get(name);
                Npy.Array expected = Npy.read(SafetensorsFixtures.dir().resolve("mixed/" + name + ".npy"));
                assertEquals(DataType.FLOAT32, a.getDataType(), name);
                assertArrayEquals(expected.shape(), a.getShape().getShape(), name);
                // f16/bf16/f64 -> f32 is exact rounding, so values must agree bit for bit
                assertArrayEquals(expected.toFloats(), a.toFloatArray(), 0f, name);
                assertEquals(name, a.getName());
            }
            NDArray ids = t.get("e.i64");
            assertEquals(DataType.INT64, ids.getDataType());
            assertArrayEquals(Npy.read(SafetensorsFixtures.dir().resolve("mixed/e.i64.npy")).toLongs(),
                    ids.toLongArray());
        }
    }

    @Test
    void headerListsNamesShapesAndMetadataWithoutLoading() throws IOException {
        SafetensorsHeader h = Safetensors.header(MIXED);
        assertEquals("pt", h.metadata().get("format"));
        SafetensorsEntry bf = h.entries().get("c.bf16");
        assertEquals("BF16", bf.dtype());
        assertArrayEquals(new long[] {2, 2}, bf.shape());
        assertEquals(8, bf.byteLength());
        assertArrayEquals(new long[0], h.entries().get("scalar").shape());
    }

    @Test
    void keyFilterLoadsOnlyTheChosenTensors() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = Safetensors.read(MIXED, m, name -> name.startsWith("c."));
            assertEquals(List.of("c.bf16"), List.copyOf(t.keySet()));
        }
    }

    @Test
    void djlDecoderAgreesOnStoredValuesButKeepsStoredDtypes() throws IOException {
        // DJL's decoder cannot be pointed at BF16 data (the engine aborts), so compare on a shard without it.
        Path shard = SafetensorsFixtures.dir().resolve("sharded/model-00002-of-00002.safetensors");
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(shard)) {
            NDList djl = NDList.decode(m, in);
            Map<String, NDArray> ours = Safetensors.read(shard, m);
            assertEquals(ours.keySet(), Set.copyOf(djl.stream().map(NDArray::getName).toList()));
            for (NDArray d : djl) {
                assertArrayEquals(d.toType(DataType.FLOAT32, true).toFloatArray(),
                        ours.get(d.getName()).toFloatArray(), 0f, d.getName());
            }
            assertEquals(DataType.FLOAT16, djl.get("transformer.h.0.mlp.c_fc.weight").getDataType());
            assertEquals(DataType.FLOAT32, ours.get("transformer.h.0.mlp.c_fc.weight").getDataType());
        }
    }

    @Test
    void writtenFilesReadBack() throws IOException {
        Path file = tmp.resolve("out/vectors.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = new LinkedHashMap<>();
            t.put("steer.layer3", m.create(new float[] {1f, -2f, 3.5f, 0f}, new ai.djl.ndarray.types.Shape(2, 2)));
            t.put("ids", m.create(new long[] {4, 5, 6}));
            Safetensors.write(file, t);
            Map<String, NDArray> back = Safetensors.read(file, m);
            assertEquals(t.keySet(), back.keySet());
            assertArrayEquals(new float[] {1f, -2f, 3.5f, 0f}, back.get("steer.layer3").toFloatArray());
            assertArrayEquals(new long[] {2, 2}, back.get("steer.layer3").getShape().getShape());
            assertArrayEquals(new long[] {4, 5, 6}, back.get("ids").toLongArray());
        }
    }

    @Test
    void missingFileSaysSo() {
        IOException e = assertThrows(IOException.class, () -> Safetensors.header(tmp.resolve("none.safetensors")));
        assertTrue(e.getMessage().contains("No such safetensors file"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path tiny = Files.write(tmp.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertMessage(tiny, "truncated");
        byte[] whole = Files.readAllBytes(MIXED);
        Path cut = Files.write(tmp.resolve("cut-header.safetensors"), Arrays.copyOf(whole, 40));
        assertMessage(cut, "truncated: its header needs");
    }

    @Test
    void truncatedDataIsReported() throws IOException {
        byte[] whole = Files.readAllBytes(MIXED);
        Path cut = Files.write(tmp.resolve("cut.safetensors"), Arrays.copyOf(whole, whole.length - 3));
        IOException e = assertMessage(cut, "is truncated: tensor");
        assertTrue(e.getMessage().contains("Download the file again"), e.getMessage());
    }

    @Test
    void invalidHeaderJsonIsReported() throws IOException {
        Path bad = SafetensorsFixtures.writeRaw(tmp.resolve("bad.safetensors"), "{\"a\": [1, 2", new byte[8]);
        assertMessage(bad, "invalid safetensors header (not JSON");
        Path noOffsets = SafetensorsFixtures.writeRaw(tmp.resolve("nooff.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", new byte[8]);
        assertMessage(noOffsets, "needs \"dtype\", \"shape\" and two \"data_offsets\"");
        Path wrongSpan = SafetensorsFixtures.writeRaw(tmp.resolve("span.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertMessage(wrongSpan, "should span 12 bytes");
    }

    @Test
    void unknownDtypeNamesTheTensor() throws IOException {
        Path f = SafetensorsFixtures.writeRaw(tmp.resolve("f8.safetensors"),
                "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]},"
                        + "\"ok\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> Safetensors.read(f, m));
            assertTrue(e.getMessage().contains("Tensor 'w' has dtype F8_E4M3"), e.getMessage());
            // the unloadable tensor can be skipped with a filter
            assertEquals(List.of("ok"), List.copyOf(Safetensors.read(f, m, n -> !n.equals("w")).keySet()));
        }
    }

    private static IOException assertMessage(Path file, String fragment) {
        IOException e = assertThrows(IOException.class, () -> {
            try (NDManager m = NDManager.newBaseManager()) {
                Safetensors.read(file, m);
            }
        });
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        return e;
    }
}

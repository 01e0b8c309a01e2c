package org.interp4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final Path SHARDED = SafetensorsFixtures.dir().resolve("sharded");
    private static final List<String> NAMES = List.of("transformer.wte.weight", "transformer.h.0.ln_1.weight",
            "transformer.h.0.mlp.c_fc.weight", "lm_head.weight");

    @TempDir
    Path tmp;

    @Test
    void shardedFolderLoadsEveryShardAsFloat32() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = Checkpoint.load(SHARDED, m);
            assertEquals(Set.copyOf(NAMES), t.keySet());
            for (String name : NAMES) {
                Npy.Array expected = Npy.read(SHARDED.resolve(name + ".npy"));
                NDArray a = t.get(name);
                assertEquals(DataType.FLOAT32, a.getDataType(), name);
                assertArrayEquals(expected.shape(), a.getShape().getShape(), name);
                assertArrayEquals(expected.toFloats(), a.toFloatArray(), 0f, name);
            }
        }
    }

    @Test
    void indexFileItselfAndKeyFilterWork() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = Checkpoint.load(SHARDED.resolve(CheckpointIndex.FILE_NAME), m,
                    name -> name.startsWith("transformer.h.0."));
            assertEquals(Set.of("transformer.h.0.ln_1.weight", "transformer.h.0.mlp.c_fc.weight"), t.keySet());
        }
    }

    @Test
    void describeReadsHeadersOnly() throws IOException {
        Map<String, SafetensorsEntry> d = Checkpoint.describe(SHARDED);
        assertEquals("BF16", d.get("transformer.h.0.ln_1.weight").dtype());
        assertArrayEquals(new long[] {4, 8}, d.get("transformer.h.0.mlp.c_fc.weight").shape());
    }

    @Test
    void folderWithSingleFileAndSingleFilePathBothLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("single"));
        Files.copy(SafetensorsFixtures.dir().resolve("mixed.safetensors"), dir.resolve(Checkpoint.SINGLE_FILE));
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(6, Checkpoint.load(dir, m).size());
            assertEquals(6, Checkpoint.load(dir.resolve(Checkpoint.SINGLE_FILE), m).size());
        }
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("partial"));
        Files.copy(SHARDED.resolve(CheckpointIndex.FILE_NAME), dir.resolve(CheckpointIndex.FILE_NAME));
        Files.copy(SHARDED.resolve("model-00001-of-00002.safetensors"),
                dir.resolve("model-00001-of-00002.safetensors"), StandardCopyOption.REPLACE_EXISTING);
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(dir, m));
            assertTrue(e.getMessage().contains("[model-00002-of-00002.safetensors] listed in"), e.getMessage());
        }
    }

    @Test
    void folderWithoutSafetensorsSaysWhatItFound() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bin-only"));
        Files.writeString(dir.resolve("pytorch_model.bin"), "not really");
        Files.writeString(dir.resolve("config.json"), "{}");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.files(dir));
        assertTrue(e.getMessage().contains("found config.json, pytorch_model.bin"), e.getMessage());
        IOException none = assertThrows(IOException.class, () -> Checkpoint.files(tmp.resolve("nowhere")));
        assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    }

    @Test
    void indexWithoutWeightMapIsRejected() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("badindex"));
        Files.writeString(dir.resolve(CheckpointIndex.FILE_NAME), "{\"metadata\": {}}");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.files(dir));
        assertTrue(e.getMessage().contains("no \"weight_map\""), e.getMessage());
    }
}

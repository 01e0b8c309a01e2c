package org.interp4j.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Damaged files fail with one IOException that names the file and says what happened, never with
 * an index error or a JVM crash. The damage is applied to copies of quants.gguf.
 */
class GgufCorruptFileTest {
    @TempDir
    static Path dir;
    private static byte[] good;
    private static long dataOffset;
    private static long dataEnd; // the end of the last tensor's data; only padding follows

    @BeforeAll
    static void load() throws IOException {
        good = Files.readAllBytes(GgufTestFiles.fixture("gguf/quants.gguf"));
        try (Gguf g = Gguf.open(GgufTestFiles.fixture("gguf/quants.gguf"))) {
            dataOffset = g.dataOffset();
            for (GgufTensorInfo t : g.tensorInfos()) dataEnd = Math.max(dataEnd, dataOffset + t.offset() + t.byteSize());
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Opens the file and reads every tensor; returns the IOException this must raise. */
    private static IOException failure(Path p) {
        return assertThrows(IOException.class, () -> {
            try (Gguf g = Gguf.open(p)) {
                for (String t : g.tensorNames()) g.readFloats(t);
            }
        });
    }

    private static void assertMessage(IOException e, Path p, String... words) {
        String m = e.getMessage();
        assertTrue(m.contains(p.toString()), "names the file: " + m);
        for (String w : words) assertTrue(m.contains(w), "says '" + w + "': " + m);
        assertFalse(m.contains("Index") || m.contains("null"), m);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0005, 0.001, 0.003, 0.01, 0.05, 0.1, 0.15, 0.19, 0.5, 0.9, 0.99, 0.9999})
    void truncatedAnywhere(double fraction) throws IOException {
        int cut = (int) Math.round(dataEnd * fraction);
        Path p = write("cut" + cut + ".gguf", Arrays.copyOf(good, cut));
        IOException e = failure(p);
        if (cut < 8) assertMessage(e, p, "not a GGUF file");
        else assertMessage(e, p, "truncated", "fetch it again");
    }

    @Test
    void truncatedJustInsideTheData() throws IOException {
        for (long cut : new long[] {dataOffset, dataOffset + 1, dataEnd - 1}) {
            Path p = write("data" + cut + ".gguf", Arrays.copyOf(good, (int) cut));
            assertMessage(failure(p), p, "truncated", "tensor '");
        }
    }

    @Test
    void badMagic() throws IOException {
        byte[] bad = good.clone();
        bad[0] = 'X';
        Path p = write("magic.gguf", bad);
        assertMessage(failure(p), p, "not a GGUF file", "XGUF");
    }

    @Test
    void unsupportedVersions() throws IOException {
        int[][] cases = {{1}, {4}, {0x03000000}};
        String[] words = {"version 1", "unsupported GGUF version 4", "big-endian"};
        for (int i = 0; i < cases.length; i++) {
            byte[] bad = good.clone();
            ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(4, cases[i][0]);
            Path p = write("version" + i + ".gguf", bad);
            assertMessage(failure(p), p, words[i]);
        }
    }

    /** Byte offset of the type id in tensor {@code name}'s info (all fixture tensors are 2-D). */
    private static int typeIdOffset(String name) {
        byte[] key = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 8; i + key.length < dataOffset; i++) {
            if (b.getLong(i - 8) == key.length && Arrays.equals(Arrays.copyOfRange(good, i, i + key.length), key)
                    && b.getInt(i + key.length) == 2) {
                return i + key.length + 4 + 2 * 8;
            }
        }
        throw new AssertionError("tensor info of " + name + " not found");
    }

    @Test
    void unknownTensorType() throws IOException {
        byte[] bad = good.clone();
        int at = typeIdOffset("q6_k");
        assertEquals(14, ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).getInt(at));
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 99);
        Path p = write("type99.gguf", bad);
        assertMessage(failure(p), p, "unknown ggml type id 99", "q6_k");
    }

    @Test
    void knownButUnsupportedType() throws IOException {
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(typeIdOffset("q6_k"), GgmlType.IQ2_XXS.id);
        Path p = write("iq2.gguf", bad);
        try (Gguf g = Gguf.open(p)) {
            assertEquals(GgmlType.IQ2_XXS, g.tensorInfo("q6_k").type());
            assertEquals(3 * 512, g.readFloats("q5_k").length, "other tensors still read");
            IOException e = assertThrows(IOException.class, () -> g.readFloats("q6_k"));
            assertMessage(e, p, "IQ2_XXS", "cannot dequantize", "Q4_K");
        }
    }

    @Test
    void unknownMetadataValueType() throws IOException {
        byte[] bad = good.clone();
        byte[] key = "test.u8".getBytes(StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i < 4000 && at < 0; i++) {
            if (Arrays.equals(Arrays.copyOfRange(good, i, i + key.length), key)) at = i + key.length;
        }
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 77);
        Path p = write("kvtype.gguf", bad);
        assertMessage(failure(p), p, "unknown metadata value type 77", "test.u8");
    }

    @Test
    void absurdCounts() throws IOException {
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(16, Long.MAX_VALUE / 3); // metadata count
        Path p = write("count.gguf", bad);
        assertMessage(failure(p), p, "corrupt", "metadata count");
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        Path empty = write("empty.gguf", new byte[0]);
        assertMessage(failure(empty), empty, "not a GGUF file");
        Path missing = dir.resolve("missing.gguf");
        assertMessage(failure(missing), missing, "no such GGUF file");
    }

    @Test
    void intactCopyStillReads() throws IOException {
        Path p = write("intact.gguf", good);
        try (Gguf g = Gguf.open(p)) {
            for (String t : g.tensorNames()) assertTrue(g.readFloats(t).length > 0);
        }
    }
}

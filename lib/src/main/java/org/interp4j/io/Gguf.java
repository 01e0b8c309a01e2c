package org.interp4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A GGUF file (llama.cpp's model format, versions 2 and 3): its metadata and its tensors,
 * dequantised to float32 on demand. Opening reads only the header; tensor data is memory-mapped
 * one tensor (or one 1 GiB slice of it) at a time, so files larger than 2 GB work.
 *
 * <pre>{@code
 * try (Gguf gguf = Gguf.open(path)) {
 *     String arch = gguf.getString("general.architecture");
 *     float[] w = gguf.readFloats("blk.0.attn_q.weight");
 * }
 * }</pre>
 *
 * Damaged files (wrong magic, unsupported version, truncation, unknown types) fail with an
 * {@link IOException} naming the file and saying what to do.
 */
public final class Gguf implements Closeable {
    private static final long CHUNK_BYTES = 1L << 30;
    private static final int MAX_FLOATS = Integer.MAX_VALUE - 8;

    private final Path path;
    private final FileChannel channel;
    private final GgufHeaderReader.Header header;

    private Gguf(Path path, FileChannel channel, GgufHeaderReader.Header header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /** Opens a GGUF file and parses its header. */
    public static Gguf open(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such GGUF file. Check the path (models live in "
                    + "$INTERP4J_HOME/models, by default ~/.cache/interp4j/models).", e);
        }
        try {
            return new Gguf(file, channel, GgufHeaderReader.read(channel, file));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The format version, 2 or 3. */
    public int version() {
        return header.version();
    }

    /** Tensor data alignment in bytes ({@code general.alignment}, default 32). */
    public long alignment() {
        return header.alignment();
    }

    /** Absolute file offset where the tensor data section starts. */
    public long dataOffset() {
        return header.dataOffset();
    }

    /** All metadata in file order; value types as described in {@link GgufValueType}. */
    public Map<String, Object> metadata() {
        return header.metadata();
    }

    /** The GGUF type of a metadata value, e.g. {@code UINT32} or {@code ARRAY/STRING}; null when absent. */
    public String metadataType(String key) {
        return header.types().get(key);
    }

    public boolean has(String key) {
        return header.metadata().containsKey(key);
    }

    /** The metadata value, or null when the key is absent. */
    public Object get(String key) {
        return header.metadata().get(key);
    }

    public String getString(String key) {
        return typed(key, String.class);
    }

    public long getLong(String key) {
        return typed(key, Number.class).longValue();
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v != (int) v) throw new IllegalArgumentException(path + ": metadata '" + key + "' = " + v + " does not fit an int");
        return (int) v;
    }

    public double getDouble(String key) {
        return typed(key, Number.class).doubleValue();
    }

    public boolean getBoolean(String key) {
        return typed(key, Boolean.class);
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        return typed(key, List.class);
    }

    /** {@code general.architecture}, e.g. {@code llama}. */
    public String architecture() {
        return getString("general.architecture");
    }

    private <T> T typed(String key, Class<T> type) {
        Object v = header.metadata().get(key);
        if (v == null) {
            throw new IllegalArgumentException(path + " has no metadata key '" + key + "'");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(path + ": metadata '" + key + "' is " + metadataType(key)
                    + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    /** Tensor names in file order. */
    public List<String> tensorNames() {
        return List.copyOf(header.tensors().keySet());
    }

    public boolean hasTensor(String name) {
        return header.tensors().containsKey(name);
    }

    public GgufTensorInfo tensorInfo(String name) {
        GgufTensorInfo t = header.tensors().get(name);
        if (t == null) {
            String prefix = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            List<String> similar = header.tensors().keySet().stream()
                    .filter(n -> n.startsWith(prefix) || n.endsWith(name.substring(name.lastIndexOf('.') + 1)))
                    .limit(5).collect(Collectors.toList());
            if (similar.isEmpty()) similar = tensorNames().subList(0, Math.min(5, header.tensors().size()));
            throw new IllegalArgumentException(path + " has no tensor '" + name + "'; it has e.g. " + similar);
        }
        return t;
    }

    /** All tensor infos in file order. */
    public List<GgufTensorInfo> tensorInfos() {
        return new ArrayList<>(header.tensors().values());
    }

    /** The tensor's values as float32, in memory order (GGUF dims[0] fastest = row-major numpy order). */
    public float[] readFloats(String name) throws IOException {
        GgufTensorInfo t = tensorInfo(name);
        GgmlType type = t.type();
        if (!type.isSupported()) {
            throw new IOException(path + ": tensor '" + name + "' is stored as " + type
                    + ", which interp4j cannot dequantize. Use a GGUF file quantized as one of "
                    + GgmlType.supportedNames() + " (Q4_K_M, Q8_0 and F16 files are common).");
        }
        if (t.numElements() > MAX_FLOATS) {
            throw new IOException(path + ": tensor '" + name + "' has " + t.numElements()
                    + " values, more than one Java array can hold.");
        }
        float[] out = new float[(int) t.numElements()];
        long nBlocks = t.numElements() / type.blockSize;
        long blocksPerChunk = Math.max(1, CHUNK_BYTES / type.typeSize);
        long start = header.dataOffset() + t.offset();
        for (long first = 0; first < nBlocks; first += blocksPerChunk) {
            int count = (int) Math.min(blocksPerChunk, nBlocks - first);
            ByteBuffer bytes = map(start + first * type.typeSize, (long) count * type.typeSize, name);
            Dequantize.blocks(type, bytes, 0, count, out, (int) (first * type.blockSize));
        }
        return out;
    }

    /** The tensor as a float32 NDArray in row-major (numpy/HF) shape: the GGUF dims reversed. */
    public NDArray read(String name, NDManager manager) throws IOException {
        float[] values = readFloats(name);
        return manager.create(values, new Shape(tensorInfo(name).shape()));
    }

    /** The tensor's stored bytes, unconverted (little-endian, read-only). */
    public ByteBuffer rawData(String name) throws IOException {
        GgufTensorInfo t = tensorInfo(name);
        if (t.byteSize() > Integer.MAX_VALUE) {
            throw new IOException(path + ": tensor '" + name + "' is over 2 GB; read it with readFloats");
        }
        return map(header.dataOffset() + t.offset(), t.byteSize(), name);
    }

    private ByteBuffer map(long position, long size, String tensor) throws IOException {
        // Mapping past the end of a file that shrank since it was opened would crash the JVM on access.
        if (position + size > channel.size()) {
            throw new IOException(path + ": the file is shorter than when it was opened (tensor '" + tensor
                    + "' needs bytes up to " + (position + size) + "). Reopen it; fetch it again if it stays short.");
        }
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "Gguf[" + path + ", v" + version() + ", " + header.tensors().size() + " tensors, "
                + header.metadata().size() + " metadata keys]";
    }
}

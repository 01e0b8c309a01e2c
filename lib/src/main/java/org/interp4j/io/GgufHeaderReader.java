package org.interp4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the part of a GGUF file before the tensor data: magic, version, metadata key/values and
 * tensor infos (format: ggml's docs/gguf.md). Everything is validated against the file size, so a
 * damaged file fails here with one clear {@link IOException} instead of later inside a read.
 */
final class GgufHeaderReader {
    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian int
    static final long DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;

    record Header(int version, Map<String, Object> metadata, Map<String, String> types,
                  Map<String, GgufTensorInfo> tensors, long alignment, long dataOffset) {}

    private final GgufCursor in;
    private final Path path;

    private GgufHeaderReader(GgufCursor in, Path path) {
        this.in = in;
        this.path = path;
    }

    static Header read(FileChannel channel, Path path) throws IOException {
        return new GgufHeaderReader(new GgufCursor(channel, path), path).read();
    }

    private Header read() throws IOException {
        if (in.fileSize() < 8) {
            throw new IOException(path + ": not a GGUF file (only " + in.fileSize()
                    + " bytes long). Check that the path points at a .gguf model file.");
        }
        in.context("the magic number");
        int magic = in.i32();
        if (magic != MAGIC) {
            throw new IOException(path + ": not a GGUF file (it starts with " + describe(magic)
                    + " instead of \"GGUF\"). Check that the path points at a .gguf model file.");
        }
        in.context("the version");
        int version = in.i32();
        checkVersion(version);

        in.context("the tensor count");
        long tensorCount = in.count("the tensor count", 24);
        in.context("the metadata count");
        long kvCount = in.count("the metadata count", 13);

        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            in.context("metadata entry " + i);
            String key = in.string();
            in.context("the value of metadata key '" + key + "'");
            StringBuilder type = new StringBuilder();
            Object value = value(valueType(key), key, type);
            if (metadata.put(key, value) != null) throw in.corrupt("metadata key '" + key + "' appears twice");
            types.put(key, type.toString());
        }

        long alignment = alignment(metadata);
        Map<String, GgufTensorInfo> tensors = new LinkedHashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            in.context("tensor info " + i);
            GgufTensorInfo t = tensorInfo(alignment);
            if (tensors.put(t.name(), t) != null) throw in.corrupt("tensor '" + t.name() + "' appears twice");
        }
        in.context("the padding before the tensor data");
        if (tensorCount > 0) in.align(alignment);
        long dataOffset = in.position();
        for (GgufTensorInfo t : tensors.values()) {
            // written so that absurd sizes cannot overflow past the check
            if (t.offset() > in.fileSize() - dataOffset - t.byteSize()) {
                String end = Long.toUnsignedString(dataOffset + t.offset() + t.byteSize());
                throw new IOException(path + ": truncated GGUF file: the data of tensor '" + t.name()
                        + "' ends at byte " + end + " but the file has only " + in.fileSize()
                        + " bytes. The file is incomplete (an interrupted download or copy?): fetch it again.");
            }
        }
        return new Header(version, Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(types),
                Collections.unmodifiableMap(tensors), alignment, dataOffset);
    }

    private void checkVersion(int version) throws IOException {
        if (version == 2 || version == 3) return;
        if (version == 1) {
            throw new IOException(path + ": GGUF version 1 files are not supported (only versions 2 and 3)."
                    + " Convert the model again with a current llama.cpp.");
        }
        if (Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3) {
            throw new IOException(path + ": this is a big-endian GGUF file, which is not supported."
                    + " Use the little-endian version of the model.");
        }
        throw new IOException(path + ": unsupported GGUF version " + Integer.toUnsignedString(version)
                + " (supported: 2 and 3). The file is damaged or newer than this reader: fetch it again or"
                + " use a file written by a llama.cpp release that writes version 3.");
    }

    private GgufValueType valueType(String key) throws IOException {
        long id = in.u32();
        GgufValueType type = GgufValueType.byId(id);
        if (type == null) throw in.corrupt("unknown metadata value type " + id + " for key '" + key + "'");
        return type;
    }

    private Object value(GgufValueType type, String key, StringBuilder typeName) throws IOException {
        typeName.append(type.name());
        return switch (type) {
            case UINT8 -> in.i8() & 0xff;
            case INT8 -> (int) in.i8();
            case UINT16 -> in.i16() & 0xffff;
            case INT16 -> (int) in.i16();
            case UINT32 -> in.u32();
            case INT32 -> in.i32();
            case FLOAT32 -> in.f32();
            case BOOL -> in.i8() != 0;
            case STRING -> in.string();
            case UINT64, INT64 -> in.i64();
            case FLOAT64 -> in.f64();
            case ARRAY -> array(key, typeName);
        };
    }

    private List<Object> array(String key, StringBuilder typeName) throws IOException {
        GgufValueType elementType = valueType(key);
        long n = in.count("the length of array '" + key + "'", elementType.minBytes);
        List<Object> list = new ArrayList<>((int) Math.min(n, 1 << 20));
        StringBuilder elementTypeName = new StringBuilder();
        for (long i = 0; i < n; i++) {
            elementTypeName.setLength(0);
            list.add(value(elementType, key, elementTypeName));
        }
        typeName.append('/').append(elementTypeName.length() > 0 ? elementTypeName : elementType.name());
        return Collections.unmodifiableList(list);
    }

    private long alignment(Map<String, Object> metadata) throws IOException {
        Object a = metadata.get("general.alignment");
        if (a == null) return DEFAULT_ALIGNMENT;
        if (!(a instanceof Number n) || n.longValue() <= 0 || Long.bitCount(n.longValue()) != 1) {
            throw in.corrupt("general.alignment is " + a + ", not a positive power of two");
        }
        return n.longValue();
    }

    private GgufTensorInfo tensorInfo(long alignment) throws IOException {
        String name = in.string();
        in.context("the info of tensor '" + name + "'");
        long nDims = in.u32();
        if (nDims < 1 || nDims > MAX_DIMS) throw in.corrupt("tensor '" + name + "' has " + nDims + " dimensions");
        long[] dims = new long[(int) nDims];
        long count = 1;
        for (int d = 0; d < nDims; d++) {
            dims[d] = in.i64();
            if (dims[d] < 0) throw in.corrupt("tensor '" + name + "' has a negative dimension");
            try {
                count = Math.multiplyExact(count, dims[d]);
            } catch (ArithmeticException e) {
                throw in.corrupt("tensor '" + name + "' has more elements than fit in 64 bits");
            }
        }
        long typeId = in.u32();
        GgmlType type = GgmlType.byId(typeId);
        if (type == null) {
            throw new IOException(path + ": tensor '" + name + "' has unknown ggml type id " + typeId
                    + ". The file is damaged or uses a type newer than this reader; fetch it again or use a file"
                    + " quantized as one of " + GgmlType.supportedNames() + ".");
        }
        if (dims[0] % type.blockSize != 0) {
            throw in.corrupt("tensor '" + name + "' of type " + type + " has a first dimension of " + dims[0]
                    + ", not a multiple of its block size " + type.blockSize);
        }
        long offset = in.i64();
        if (offset < 0 || offset % alignment != 0) {
            throw in.corrupt("tensor '" + name + "' starts at offset " + Long.toUnsignedString(offset)
                    + ", which is not a multiple of the alignment " + alignment);
        }
        if (count / type.blockSize > Long.MAX_VALUE / type.typeSize) {
            throw in.corrupt("tensor '" + name + "' is larger than any file can be");
        }
        long byteSize = count / type.blockSize * type.typeSize;
        return new GgufTensorInfo(name, type, dims, offset, byteSize);
    }

    private static String describe(int magic) {
        byte[] b = {(byte) magic, (byte) (magic >>> 8), (byte) (magic >>> 16), (byte) (magic >>> 24)};
        StringBuilder s = new StringBuilder("bytes");
        for (byte x : b) s.append(String.format(" %02x", x & 0xff));
        String ascii = new String(b, StandardCharsets.ISO_8859_1);
        if (ascii.chars().allMatch(c -> c >= 32 && c < 127)) s.append(" (\"").append(ascii).append("\")");
        return s.toString();
    }
}

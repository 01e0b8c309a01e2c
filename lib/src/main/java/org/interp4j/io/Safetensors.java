package org.interp4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads and writes single {@code .safetensors} files.
 *
 * <p>Reading does not use DJL's {@code NDList.decode}: that decoder copies the whole data section
 * into one Java {@code byte[]} (so a 500 MB file costs 500 MB of heap, and files over 2 GB fail)
 * and keeps every dtype as stored. Here each tensor's bytes go straight from the file into a
 * reusable direct buffer, from which PyTorch copies them into memory it owns (freed when the
 * manager closes). Floating tensors (F16, BF16, F64) become float32; integer and boolean tensors
 * keep their type. BF16 is widened in Java, because DJL's PyTorch engine aborts the JVM when it is
 * handed BF16 data (which also rules out {@code NDList.decode} for any file holding BF16).
 * Writing uses DJL's own safetensors encoder.
 */
public final class Safetensors {
    private Safetensors() {}

    /** All tensors of {@code file}, in header order, as float32 (floating) arrays on {@code manager}. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        return read(file, manager, name -> true);
    }

    /** The tensors of {@code file} whose names {@code keep} accepts. */
    public static Map<String, NDArray> read(Path file, NDManager manager, Predicate<String> keep)
            throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            readInto(file, manager, keep, out, new Staging());
        } catch (IOException | RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw e;
        }
        return out;
    }

    /** Only the header: names, dtypes, shapes, metadata. */
    public static SafetensorsHeader header(Path file) throws IOException {
        return SafetensorsHeader.read(file);
    }

    /**
     * Writes {@code tensors} with DJL's encoder, each array named by its key. Arrays keep their
     * dtype; names are set on the arrays as a side effect.
     */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        NDList list = new NDList(tensors.size());
        tensors.forEach((name, array) -> {
            array.setName(name);
            list.add(array);
        });
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file)) {
            list.encode(os, NDList.Encoding.SAFETENSORS);
        }
    }

    /** Loads the selected tensors of one file into {@code out}; the staging buffer is shared across shards. */
    static void readInto(Path file, NDManager manager, Predicate<String> keep, Map<String, NDArray> out,
                         Staging staging) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsHeader.read(ch, file);
            long largest = header.entries().values().stream().filter(e -> keep.test(e.name()))
                    .mapToLong(SafetensorsEntry::byteLength).max().orElse(0);
            staging.reserve(largest);
            for (SafetensorsEntry e : header.entries().values()) {
                if (!keep.test(e.name())) continue;
                NDArray array = load(ch, header, e, manager, staging);
                array.setName(e.name());
                NDArray previous = out.put(e.name(), array);
                if (previous != null) previous.close();
            }
        } catch (NoSuchFileException e) {
            throw new IOException("No such safetensors file: " + file.toAbsolutePath());
        }
    }

    private static NDArray load(FileChannel ch, SafetensorsHeader header, SafetensorsEntry e,
                                NDManager manager, Staging staging) throws IOException {
        DataType type = e.dataType();
        DataType target = type.isFloating() ? DataType.FLOAT32 : type;
        if (e.numel() == 0) return manager.zeros(e.djlShape(), target);
        if (e.byteLength() > Integer.MAX_VALUE) {
            throw new IOException("Tensor '" + e.name() + "' in " + header.file() + " is over 2 GB, which"
                    + " this loader cannot hold in one array; re-save the checkpoint in smaller shards.");
        }
        ByteBuffer buf = staging.get((int) e.byteLength());
        SafetensorsHeader.readFully(ch, buf, header.dataStart() + e.begin(), header.file());
        buf.flip();
        if (type == DataType.BFLOAT16) {
            // DJL 0.35.1's PyTorch engine aborts the JVM when asked for a BFLOAT16 array from a
            // buffer, so widen here: a bf16 value is the top half of the float32 with the same bits.
            buf = widenBf16(buf, staging.converted(Math.multiplyExact(e.numel(), 4)));
            type = DataType.FLOAT32;
        }
        // The staging array shares the buffer's memory; the copy made by toType/duplicate does not.
        try (NDArray raw = manager.create(buf, e.djlShape(), type)) {
            return type == target ? raw.duplicate() : raw.toType(target, true);
        }
    }

    private static ByteBuffer widenBf16(ByteBuffer src, ByteBuffer dst) {
        ShortBuffer in = src.asShortBuffer();
        IntBuffer out = dst.asIntBuffer();
        while (in.hasRemaining()) out.put((in.get() & 0xffff) << 16);
        return dst;
    }

    /** Bytes per element for a safetensors dtype code, or -1 when unknown. */
    static int byteWidth(String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
            default -> -1;
        };
    }

    /** One direct buffer, grown to the largest tensor seen, so loading needs no per-tensor allocation. */
    static final class Staging {
        private ByteBuffer buffer;
        private ByteBuffer widened;

        /** A second buffer for tensors converted in Java before they reach the engine. */
        ByteBuffer converted(long bytes) {
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A converted tensor would exceed 2 GB (" + bytes + " bytes).");
            }
            if (widened == null || widened.capacity() < bytes) {
                widened = null;
                widened = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            widened.clear().limit((int) bytes);
            return widened;
        }

        void reserve(long bytes) {
            if (bytes <= Integer.MAX_VALUE && (buffer == null || buffer.capacity() < bytes)) {
                buffer = null; // let the old buffer go before allocating the larger one
                buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
        }

        ByteBuffer get(int bytes) {
            if (buffer == null || buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear().limit(bytes);
            return buffer;
        }
    }
}

package org.interp4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format 1.0–3.0), so that activations, labels and results can be
 * shared with Python users. Arrays are C-ordered; the element type is kept as read and converted
 * on request.
 */
public final class Npy {

    /** An array read from or written to a {@code .npy} file: its dtype code, shape and raw data. */
    public record Array(String dtype, long[] shape, ByteBuffer data) {
        public long size() {
            long n = 1;
            for (long s : shape) n *= s;
            return n;
        }

        public int dim(int i) {
            return Math.toIntExact(shape[i]);
        }

        /** Elements as float32, converting from any numeric dtype. */
        public float[] toFloats() {
            double[] d = toDoubles();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            return f;
        }

        /** Elements as float64, converting from any numeric dtype. */
        public double[] toDoubles() {
            int n = Math.toIntExact(size());
            double[] out = new double[n];
            ByteBuffer b = data.duplicate().order(data.order());
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype.substring(1)) {
                    case "f4" -> b.getFloat();
                    case "f8" -> b.getDouble();
                    case "f2" -> Half.f16ToFloat(b.getShort());
                    case "i1" -> b.get();
                    case "u1", "b1" -> b.get() & 0xff;
                    case "i2" -> b.getShort();
                    case "u2" -> b.getShort() & 0xffff;
                    case "i4" -> b.getInt();
                    case "u4" -> b.getInt() & 0xffffffffL;
                    case "i8", "u8" -> b.getLong();
                    default -> throw new IllegalArgumentException("Unsupported .npy dtype " + dtype
                            + ": save the array as float32, float64 or an integer type.");
                };
            }
            return out;
        }

        /** Elements as long integers (for labels and token ids); floats must be whole numbers. */
        public long[] toLongs() {
            double[] d = toDoubles();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                if (d[i] != Math.rint(d[i])) {
                    throw new IllegalArgumentException("Expected whole numbers in the .npy array, found "
                            + d[i] + " at index " + i + ": labels and ids must be integers.");
                }
                out[i] = (long) d[i];
            }
            return out;
        }

        /** Row-major 2-D view as float32 [rows][cols]. */
        public float[][] toFloatMatrix() {
            if (shape.length != 2) {
                throw new IllegalArgumentException("Expected a 2-D array [samples, units], got shape "
                        + Arrays.toString(shape) + ".");
            }
            float[] flat = toFloats();
            int rows = dim(0), cols = dim(1);
            float[][] m = new float[rows][cols];
            for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, m[r], 0, cols);
            return m;
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static Array read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("No such .npy file: " + file.toAbsolutePath());
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    static Array parse(byte[] bytes, String name) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(name + " is not a .npy file (bad magic); save it with numpy.save.");
        }
        int major = bytes[6];
        buf.position(8);
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        int start = buf.position();
        if (start + headerLen > bytes.length) {
            throw new IOException(name + " is truncated: its header runs past the end of the file.");
        }
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IOException(name + " has an unreadable .npy header: " + header.trim());
        }
        if (o.group(1).equals("True")) {
            throw new IOException(name + " is Fortran-ordered; save it with numpy.ascontiguousarray first.");
        }
        String descr = d.group(1);
        String[] parts = s.group(1).split(",");
        long[] shape = Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLen, bytes.length - start - headerLen)
                .slice().order(order);
        Array a = new Array(descr, shape, data);
        long need = a.size() * Integer.parseInt(descr.substring(2));
        if (data.remaining() < need) {
            throw new IOException(name + " is truncated: expected " + need + " data bytes, found "
                    + data.remaining() + ".");
        }
        return a;
    }

    public static void writeFloats(Path file, float[] data, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) b.putFloat(v);
        write(file, "<f4", shape, b.array());
    }

    public static void writeDoubles(Path file, double[] data, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) b.putDouble(v);
        write(file, "<f8", shape, b.array());
    }

    public static void writeLongs(Path file, long[] data, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) b.putLong(v);
        write(file, "<i8", shape, b.array());
    }

    /** Writes a version-1.0 header (padded to 64 bytes, as numpy does) followed by the data. */
    public static void write(Path file, String dtype, long[] shape, byte[] data) throws IOException {
        StringBuilder sh = new StringBuilder();
        for (long s : shape) sh.append(s).append(", ");
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (shape.length == 0 ? "" : sh.substring(0, sh.length() - 2)) + ")";
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.write(file, out.array());
    }
}

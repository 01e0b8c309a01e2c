package org.interp4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sequential little-endian reader over a GGUF file's header. The header can hold hundreds of
 * thousands of strings (a vocabulary and its merges) and sits in front of gigabytes of tensor
 * data, so it is read through a small window instead of being mapped whole. Every read is
 * bounds-checked: running past the end of the file is reported as a truncated file, never as an
 * index error.
 */
final class GgufCursor {
    private static final int WINDOW = 1 << 20;

    private final FileChannel channel;
    private final Path path;
    private final long fileSize;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = 0;   // file position of window[0]
    private String context = "the header";

    GgufCursor(FileChannel channel, Path path) throws IOException {
        this.channel = channel;
        this.path = path;
        this.fileSize = channel.size();
        window.limit(0);
    }

    /** What is being read, for error messages ("the value of key x", "tensor info 3"). */
    void context(String what) {
        this.context = what;
    }

    long position() {
        return windowStart + window.position();
    }

    long fileSize() {
        return fileSize;
    }

    long remaining() {
        return fileSize - position();
    }

    /** The window, with at least {@code n} (at most {@link #WINDOW}) bytes available in it. */
    private ByteBuffer need(int n) throws IOException {
        if (window.remaining() >= n) return window;
        long pos = position();
        if (pos + n > fileSize) {
            throw truncated(pos + n);
        }
        window.compact(); // the unread bytes move to the front: window[0] is now file position pos
        while (window.position() < n) {
            int read = channel.read(window, pos + window.position());
            if (read < 0) throw truncated(pos + n);
        }
        window.flip();
        windowStart = pos;
        return window;
    }

    IOException truncated(long needed) {
        return new IOException(path + ": truncated GGUF file: reading " + context + " needs byte "
                + needed + " but the file has only " + fileSize
                + " bytes. The file is incomplete (an interrupted download or copy?): fetch it again.");
    }

    IOException corrupt(String what) {
        return new IOException(path + ": corrupt GGUF file: " + what + " (while reading " + context
                + "). The file is damaged or not a GGUF model: fetch it again.");
    }

    byte i8() throws IOException { return need(Byte.BYTES).get(); }

    short i16() throws IOException { return need(Short.BYTES).getShort(); }

    int i32() throws IOException { return need(Integer.BYTES).getInt(); }

    long u32() throws IOException { return i32() & 0xffffffffL; }

    long i64() throws IOException { return need(Long.BYTES).getLong(); }

    float f32() throws IOException { return need(Float.BYTES).getFloat(); }

    double f64() throws IOException { return need(Double.BYTES).getDouble(); }

    /**
     * A count stored as uint64, of items taking at least {@code minBytesEach} bytes. A count the
     * rest of the file cannot hold means the file was cut short, unless it would need more than a
     * terabyte, which no model file has: then the count itself is damaged.
     */
    long count(String what, long minBytesEach) throws IOException {
        long n = i64();
        long each = Math.max(1, minBytesEach);
        if (n < 0 || n > remaining() / each) {
            if (n >= 0 && n <= (1L << 40) / each) throw truncated(position() + n * each);
            throw corrupt(what + " is " + Long.toUnsignedString(n) + ", more than any file can hold");
        }
        return n;
    }

    String string() throws IOException {
        long len = count("a string length", 1);
        if (len > Integer.MAX_VALUE - 16) throw corrupt("a string of " + len + " bytes");
        int n = (int) len;
        byte[] bytes = new byte[n];
        int done = 0;
        while (done < n) {
            int chunk = Math.min(WINDOW, n - done);
            need(chunk).get(bytes, done, chunk);
            done += chunk;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Moves forward to the next multiple of {@code alignment}. */
    void align(long alignment) throws IOException {
        long pos = position();
        long padded = (pos + alignment - 1) / alignment * alignment;
        if (padded > fileSize) throw truncated(padded);
        long skip = padded - pos;
        if (skip <= window.remaining()) {
            window.position(window.position() + (int) skip);
        } else {
            window.limit(0);
            window.position(0);
            windowStart = padded;
        }
    }
}

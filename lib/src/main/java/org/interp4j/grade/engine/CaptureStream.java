package org.interp4j.grade.engine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what the notebook prints during one cell, up to a limit so a cell printing in a loop
 * cannot exhaust the grader's memory.
 */
public final class CaptureStream extends OutputStream {

    private final int limit;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean truncated;

    public CaptureStream(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (buffer.size() < limit) {
            buffer.write(b);
        } else {
            truncated = true;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, limit - buffer.size());
        buffer.write(b, off, Math.min(room, len));
        if (len > room) {
            truncated = true;
        }
    }

    /** Whether anything was dropped since the last {@link #take()}. */
    public synchronized boolean truncated() {
        return truncated;
    }

    /** The text collected so far, then starts afresh. */
    public synchronized String take() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer = new ByteArrayOutputStream();
        truncated = false;
        return text;
    }
}

package org.interp4j.show;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Output outside a notebook: text goes to a stream, images are written as files in a folder
 * and their path is printed. Updates redraw one line with a carriage return, so a progress bar
 * stays on one line of a terminal.
 */
public final class TerminalDisplay implements Display {
    private final PrintStream out;
    private final Path folder;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, Integer> lineWidths = new HashMap<>();

    /**
     * @param out where text goes
     * @param folder where images go (created when the first image is written)
     */
    public TerminalDisplay(PrintStream out, Path folder) {
        this.out = out;
        this.folder = folder;
    }

    /** System.out and the folder named by {@code -Dinterp4j.show.dir}, default {@code <tmp>/interp4j-show}. */
    public static TerminalDisplay standard() {
        String dir = System.getProperty("interp4j.show.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "interp4j-show").toString());
        return new TerminalDisplay(System.out, Path.of(dir));
    }

    @Override
    public synchronized String show(Output output) {
        String id = "out-" + counter.incrementAndGet();
        if (output.png() != null) {
            out.println(output.text() + " -> " + write(id, output.name(), ".png", output.png()));
        } else if (output.svg() != null) {
            out.println(output.text() + " -> " + write(id, output.name(), ".svg", output.svg().getBytes(StandardCharsets.UTF_8)));
        } else {
            out.println(output.text());
        }
        out.flush();
        return id;
    }

    @Override
    public synchronized String showLive(Output output) {
        String id = "live-" + counter.incrementAndGet();
        update(id, output);
        return id;
    }

    @Override
    public synchronized void update(String id, Output output) {
        String line = output.text();
        int previous = lineWidths.getOrDefault(id, 0);
        // pad with spaces so that a shorter line fully covers the longer one before it
        out.print("\r" + line + " ".repeat(Math.max(0, previous - line.length())));
        out.flush();
        lineWidths.put(id, line.length());
    }

    @Override
    public synchronized void finish(String id) {
        if (lineWidths.remove(id) != null) {
            out.println();
            out.flush();
        }
    }

    private String write(String id, String name, String suffix, byte[] bytes) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + "-" + ProcessHandle.current().pid() + "-" + id + suffix);
            Files.write(file, bytes);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + name + suffix + " into " + folder
                    + ": set -Dinterp4j.show.dir to a writable folder", e);
        }
    }
}

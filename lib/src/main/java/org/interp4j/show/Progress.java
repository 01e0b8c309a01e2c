package org.interp4j.show;

import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * A progress bar for long loops that redraws itself in place: an HTML bar updated under the cell
 * in a notebook, one line rewritten with a carriage return in a terminal.
 *
 * <pre>{@code
 * for (int layer : Progress.over(24, "layers")) { ... }
 * try (var p = Progress.start("forward", batches)) { for (...) { ...; p.step(); } }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** Redraw at most this often: each redraw is a message to the front end. */
    private static final long REDRAW_NANOS = 150_000_000L;
    private static final int BAR_WIDTH = 24;

    private final Display display;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long startNanos;
    private final String id;
    private long done;
    private long lastDraw;
    private boolean closed;

    Progress(Display display, String label, long total, LongSupplier clock) {
        if (total < 0) throw new IllegalArgumentException("total must be 0 or more, was " + total);
        this.display = display;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDraw = startNanos;
        this.id = display.showLive(render());
    }

    /** Starts a bar for {@code total} steps on the current display; close it (try-with-resources) when done. */
    public static Progress start(String label, long total) {
        return new Progress(Show.display(), label, total, System::nanoTime);
    }

    /** Counts 0, 1, ..., n-1 with a bar. */
    public static Iterable<Integer> over(int n, String label) {
        return over(0, n, label);
    }

    /** Counts from, ..., to-1 with a bar. */
    public static Iterable<Integer> over(int from, int to, String label) {
        return () -> new Iterator<>() {
            private final Progress progress = start(label, Math.max(0, to - from));
            private int next = from;

            @Override public boolean hasNext() {
                // asking for more means the items handed out so far are done
                progress.reach(next - from);
                if (next >= to) progress.close();
                return next < to;
            }

            @Override public Integer next() {
                if (next >= to) throw new NoSuchElementException();
                return next++;
            }
        };
    }

    /** Goes through {@code items} with a bar. */
    public static <T> Iterable<T> over(Collection<T> items, String label) {
        return () -> new Iterator<>() {
            private final Progress progress = start(label, items.size());
            private final Iterator<T> inner = items.iterator();
            private long handedOut;

            @Override public boolean hasNext() {
                progress.reach(handedOut);
                boolean more = inner.hasNext();
                if (!more) progress.close();
                return more;
            }

            @Override public T next() {
                T item = inner.next();
                handedOut++;
                return item;
            }
        };
    }

    public void step() {
        step(1);
    }

    public synchronized void step(long n) {
        if (closed) throw new IllegalStateException("progress \"" + label + "\" is already closed");
        done += n;
        long now = clock.getAsLong();
        if (now - lastDraw >= REDRAW_NANOS || done >= total) {
            lastDraw = now;
            display.update(id, render());
        }
    }

    /** Moves the count up to {@code count} (never down); repeated calls with the same count do nothing. */
    synchronized void reach(long count) {
        if (!closed && count > done) step(count - done);
    }

    public synchronized long done() {
        return done;
    }

    public long total() {
        return total;
    }

    /** Draws the final state once and ends the bar; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        display.update(id, render());
        display.finish(id);
    }

    Output render() {
        double seconds = (clock.getAsLong() - startNanos) / 1e9;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        String timing = String.format("%.1fs", seconds);
        if (done > 0 && done < total) timing += String.format(", ~%.1fs left", seconds / done * (total - done));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String text = String.format("%s [%s%s] %d/%d %3.0f%% %s", label, "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled), done, total, fraction * 100, timing);
        String html = String.format("<div style=\"font-family:monospace\"><progress value=\"%d\" max=\"%d\" "
                + "style=\"width:20em;vertical-align:middle\"></progress> %s %d/%d (%.0f%%) %s</div>",
                Math.min(done, total), Math.max(total, 1), HtmlTable.escape(label), done, total, fraction * 100,
                HtmlTable.escape(timing));
        return new Output(text, html, null, null, "progress");
    }
}

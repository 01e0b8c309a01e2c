package org.interp4j.io;

import java.io.PrintStream;

/** Told how far a download has come; {@code bytesTotal} is -1 when the server did not say. */
@FunctionalInterface
public interface HubProgress {
    void update(String file, long bytesDone, long bytesTotal);

    HubProgress NONE = (file, done, total) -> { };

    /** One line per file at each further tenth of its size, for notebooks and the command line. */
    static HubProgress printingTo(PrintStream out) {
        return new HubProgress() {
            private String current;
            private long lastTenth = -1;

            @Override
            public synchronized void update(String file, long done, long total) {
                if (!file.equals(current)) {
                    current = file;
                    lastTenth = -1;
                }
                long tenth = total > 0 ? done * 10 / total : (done == 0 ? 0 : -1);
                if (tenth > lastTenth) {
                    lastTenth = tenth;
                    out.printf("%s: %.1f of %s MB%n", file, done / 1e6, total > 0 ? String.format("%.1f", total / 1e6) : "?");
                }
            }
        };
    }
}

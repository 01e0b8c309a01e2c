package org.interp4j.grade;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops IPython/JJava magics from a cell before it goes to JShell. Line magics ({@code %maven},
 * {@code %classpath}, {@code %jars}…) are blanked, keeping line numbers; of the cell magics only
 * {@code %%time}/{@code %%timeit} keep the Java below them, any other ({@code %%bash},
 * {@code %%html}…) skips the cell.
 */
final class MagicFilter {

    record Filtered(String source, List<String> notes, boolean skipCell) {
    }

    private MagicFilter() {
    }

    static Filtered filter(String source) {
        List<String> notes = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.startsWith("%%")) {
                String magic = t.split("\\s+")[0];
                if (!magic.equals("%%time") && !magic.equals("%%timeit")) {
                    notes.add("skipped the cell: " + magic + " is not Java");
                    return new Filtered("", notes, true);
                }
                notes.add("ran without the magic " + magic);
                line = "";
            } else if (t.startsWith("%")) {
                notes.add("skipped the magic line " + t + " (the class path comes from the grader)");
                line = "";
            }
            sb.append(line);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return new Filtered(sb.toString(), notes, false);
    }
}

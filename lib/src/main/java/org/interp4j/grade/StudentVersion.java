package org.interp4j.grade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Makes the student notebook from its solution, so the two never drift apart. In a solution's
 * exercise cell, the lines between {@code // BEGIN SOLUTION} and {@code // END SOLUTION} are the
 * answer; lines starting with {@code //> } are what the student sees instead (typically a
 * declaration that throws {@link NotDoneYet}). Outputs are cleared in the student version.
 *
 * <p>Markdown cells work the same way with HTML comments, so a solution's discussion can quote the
 * numbers its run printed while the student sees a prompt instead: lines between
 * {@code <!-- BEGIN SOLUTION -->} and {@code <!-- END SOLUTION -->} are dropped, and a line
 * {@code <!-- student: What do you expect, and why? -->} (invisible in the solution) becomes
 * {@code What do you expect, and why?}.
 */
public final class StudentVersion {
    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String STUDENT = "//> ";
    static final String MD_BEGIN = "<!-- BEGIN SOLUTION -->";
    static final String MD_END = "<!-- END SOLUTION -->";
    static final String MD_STUDENT = "<!-- student:";

    private StudentVersion() {}

    public static Notebook of(Notebook solution) throws IOException {
        Notebook student = Notebook.parse(solution.toJson(), "student version");
        for (Cell cell : student.cells()) {
            if (!cell.isCode()) {
                if (cell.source().contains(MD_BEGIN) || cell.source().contains(MD_STUDENT)) {
                    cell.setSource(stripMarkdown(cell.source(), cell.index()));
                }
                continue;
            }
            cell.outputs().removeAll();
            cell.json().putNull("execution_count");
            cell.setSource(strip(cell.source(), cell.index()));
        }
        return student;
    }

    /** Removes solution blocks and uncovers the student's lines. */
    static String strip(String source, int cellIndex) {
        return strip(source, cellIndex, BEGIN, END, StudentVersion::codeStudentLine);
    }

    /** Removes a markdown cell's solution blocks and uncovers its student lines. */
    static String stripMarkdown(String source, int cellIndex) {
        return strip(source, cellIndex, MD_BEGIN, MD_END, StudentVersion::markdownStudentLine);
    }

    /** What the student sees of a line {@code //> text} (the text, at the line's indentation); null for another line. */
    private static String codeStudentLine(String line) {
        if (!line.strip().startsWith(STUDENT.strip())) return null;
        int at = line.indexOf(STUDENT.strip());
        String rest = line.substring(at + STUDENT.strip().length());
        return line.substring(0, at) + (rest.startsWith(" ") ? rest.substring(1) : rest);
    }

    /** What the student sees of a line {@code <!-- student: text -->} (the text); null for another line. */
    private static String markdownStudentLine(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith(MD_STUDENT) || !trimmed.endsWith("-->")) return null;
        return trimmed.substring(MD_STUDENT.length(), trimmed.length() - 3).strip();
    }

    /**
     * Drops the lines from {@code begin} to {@code end} (each alone on its line), replaces every line
     * {@code studentLine} uncovers by what it gives, and keeps the rest.
     */
    private static String strip(String source, int cellIndex, String begin, String end, UnaryOperator<String> studentLine) {
        List<String> out = new ArrayList<>();
        boolean inSolution = false;
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            String uncovered;
            if (trimmed.equals(begin)) {
                if (inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " opens a solution block twice.");
                inSolution = true;
            } else if (trimmed.equals(end)) {
                if (!inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " closes a solution block it never opened.");
                inSolution = false;
            } else if ((uncovered = studentLine.apply(line)) != null) {
                out.add(uncovered);
            } else if (!inSolution) {
                out.add(line);
            }
        }
        if (inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " has a solution block with no " + end + ".");
        return String.join("\n", out);
    }

    /** Writes the student version of a solution notebook. */
    public static void write(Path solution, Path student) throws IOException {
        of(Notebook.read(solution)).write(student);
    }
}

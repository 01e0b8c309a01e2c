package org.interp4j.grade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<String> out = new ArrayList<>();
        boolean inSolution = false;
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.equals(BEGIN)) {
                if (inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " opens a solution block twice.");
                inSolution = true;
            } else if (trimmed.equals(END)) {
                if (!inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " closes a solution block it never opened.");
                inSolution = false;
            } else if (trimmed.startsWith(STUDENT.strip())) {
                int at = line.indexOf(STUDENT.strip());
                String rest = line.substring(at + STUDENT.strip().length());
                out.add(line.substring(0, at) + (rest.startsWith(" ") ? rest.substring(1) : rest));
            } else if (!inSolution) {
                out.add(line);
            }
        }
        if (inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " has a solution block with no " + END + ".");
        return String.join("\n", out);
    }

    /** Removes a markdown cell's solution blocks and uncovers its student lines. */
    static String stripMarkdown(String source, int cellIndex) {
        List<String> out = new ArrayList<>();
        boolean inSolution = false;
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.equals(MD_BEGIN)) {
                if (inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " opens a solution block twice.");
                inSolution = true;
            } else if (trimmed.equals(MD_END)) {
                if (!inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " closes a solution block it never opened.");
                inSolution = false;
            } else if (trimmed.startsWith(MD_STUDENT) && trimmed.endsWith("-->")) {
                out.add(trimmed.substring(MD_STUDENT.length(), trimmed.length() - 3).strip());
            } else if (!inSolution) {
                out.add(line);
            }
        }
        if (inSolution) throw new IllegalArgumentException("Cell " + cellIndex + " has a solution block with no " + MD_END + ".");
        return String.join("\n", out);
    }

    /** Writes the student version of a solution notebook. */
    public static void write(Path solution, Path student) throws IOException {
        of(Notebook.read(solution)).write(student);
    }
}

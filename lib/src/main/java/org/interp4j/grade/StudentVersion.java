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
 */
public final class StudentVersion {
    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String STUDENT = "//> ";

    private StudentVersion() {}

    public static Notebook of(Notebook solution) throws IOException {
        Notebook student = Notebook.parse(solution.toJson(), "student version");
        for (Cell cell : student.cells()) {
            if (!cell.isCode()) continue;
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

    /** Writes the student version of a solution notebook. */
    public static void write(Path solution, Path student) throws IOException {
        of(Notebook.read(solution)).write(student);
    }
}

package org.interp4j.grade;

import java.time.Duration;
import java.util.List;

/**
 * What running one code cell produced.
 *
 * @param index      position of the cell in the notebook (all cells counted from 0)
 * @param exerciseId the exercise the cell is tagged with, or null
 * @param status     how it ended
 * @param stdout     text the cell printed on {@code System.out} (capped at 1 MB)
 * @param stderr     text printed on {@code System.err} (capped at 1 MB)
 * @param lastValue  JShell's display string of the last expression or variable, or null
 * @param error      what went wrong (exception class and message, compiler diagnostics…), or null
 * @param notes      remarks of the runner: skipped magics, restarts, truncated output…
 * @param duration   wall time of the cell
 */
public record CellResult(int index, String exerciseId, CellStatus status, String stdout, String stderr,
                         String lastValue, String error, List<String> notes, Duration duration) {

    public boolean ok() {
        return status == CellStatus.OK;
    }

    /** One line saying why the cell failed, for score tables; "ok" when it did not. */
    public String message() {
        String first = error == null ? "" : error.lines().findFirst().orElse("");
        return switch (status) {
            case OK -> "ok";
            case NOT_DONE -> "not done yet";
            case TIMEOUT, EXIT, CRASH, NOT_RUN -> first;
            case COMPILE_ERROR -> "the cell does not compile: " + first;
            case ERROR -> "the cell threw " + first;
        };
    }
}

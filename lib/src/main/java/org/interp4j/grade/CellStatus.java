package org.interp4j.grade;

/** How running one code cell ended. */
public enum CellStatus {
    /** Every snippet of the cell ran. */
    OK,
    /** A snippet threw an exception. */
    ERROR,
    /** A snippet does not compile. */
    COMPILE_ERROR,
    /** The cell threw {@link NotDoneYet}: an exercise left to do. */
    NOT_DONE,
    /** The cell ran past its time limit and was stopped. */
    TIMEOUT,
    /** The cell called {@code System.exit} (or {@code Runtime.halt}). */
    EXIT,
    /** The notebook's JVM died for another reason (crash, killed from outside). */
    CRASH,
    /** The cell was not run (its JVM could not be started). */
    NOT_RUN
}

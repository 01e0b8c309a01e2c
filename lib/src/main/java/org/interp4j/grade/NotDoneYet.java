package org.interp4j.grade;

/**
 * Thrown where a student notebook leaves an exercise to do. The grader recognises it and scores
 * the exercise 0 with the message "not done yet"; the rest of the notebook still runs.
 *
 * <pre>{@code
 * throw new NotDoneYet("00.next-token");                 // as a statement
 * String nextToken = NotDoneYet.todo("00.next-token");   // where a value is needed
 * }</pre>
 */
public class NotDoneYet extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String exercise;

    public NotDoneYet(String exercise) {
        super("exercise " + exercise + " is not done yet: replace this line with your solution");
        this.exercise = exercise;
    }

    public String exercise() {
        return exercise;
    }

    /** Throws {@link NotDoneYet}; typed so it can stand in for any value. */
    public static <T> T todo(String exercise) {
        throw new NotDoneYet(exercise);
    }
}

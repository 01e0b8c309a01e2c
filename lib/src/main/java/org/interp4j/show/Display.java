package org.interp4j.show;

/**
 * Where {@link Show} and {@link Progress} send their output: the Jupyter kernel when the code
 * runs in a notebook, the terminal and files otherwise. Replace it with {@link Show#use(Display)}
 * to capture or silence output (a grader does this).
 */
public interface Display {
    /** Shows {@code output} and returns an id that {@link #update} can later refer to. */
    String show(Output output);

    /**
     * Shows output that will be updated in place soon (a progress bar). A terminal keeps it on
     * the current line instead of ending the line.
     */
    default String showLive(Output output) {
        return show(output);
    }

    /** Replaces what an earlier {@link #show} or {@link #showLive} printed with {@code output}, in place where possible. */
    void update(String id, Output output);

    /** Says that the output with this id will not change any more. */
    default void finish(String id) {}
}

package org.interp4j.grade;

/** Names of the settings a rubric run reads (JUnit configuration parameters or system properties). */
public final class RubricConfig {

    /** Path of the notebook to grade; absent means the rubric's solution notebook. */
    public static final String SUBMISSION = "interp4j.submission";

    /** Repository root that {@link Rubric#solutions()} and {@link Rubric#expected()} are relative to; default ".". */
    public static final String REPO = "interp4j.repo";

    /** Time limit of one cell in seconds, overriding {@link Rubric#cellTimeoutSeconds()}. */
    public static final String CELL_TIMEOUT = "interp4j.cellTimeout";

    /**
     * PyTorch intra-op threads of the notebook's JVM (system property {@code ai.djl.pytorch.num_threads});
     * absent means PyTorch's default. Grading with 1 thread proves that tolerances hold across thread counts.
     */
    public static final String THREADS = "interp4j.threads";

    private RubricConfig() {
    }
}

package org.interp4j.grade;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit class as the grading rubric of a notebook. The class extends
 * {@link NotebookRubric}; the grader ({@code interp4j grade}) picks it for submissions of that
 * notebook.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rubric {

    /** File name of the notebook, e.g. {@code "00-getting-started.ipynb"}. */
    String notebook();

    /** Folder of the solution notebook, relative to the repository root; run when no submission is given. */
    String solutions() default "solutions";

    /**
     * Folder of the expected-values file, relative to the repository root; empty (the default)
     * means the file shipped in the library ({@value ExpectationRegistry#RESOURCE_DIR}).
     */
    String expected() default "";

    /** Time limit of one cell, in seconds; configuration parameter {@code interp4j.cellTimeout} overrides it. */
    int cellTimeoutSeconds() default 300;
}

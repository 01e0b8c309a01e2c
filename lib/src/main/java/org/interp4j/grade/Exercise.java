package org.interp4j.grade;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a rubric {@code @Test} as the check of one exercise: it earns {@code points} when it
 * passes and 0 otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Exercise {

    /** The exercise id, as in the cell tag {@code exercise:<id>}, e.g. {@code "00.next-token"}. */
    String id();

    /** Points for a passing check. */
    double points() default 1;
}

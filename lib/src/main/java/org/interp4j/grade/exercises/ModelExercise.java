package org.interp4j.grade.exercises;

import java.util.List;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * An exercise whose function or trials need the notebook's model: the self-check passes the
 * notebook's {@code model} after the function, and the grader passes it along when it calls the
 * function in the submission.
 */
abstract class ModelExercise<F> extends FunctionExercise<F> {

    private static final List<String> MODEL = List.of("model");

    ModelExercise(String id, String variable, Class<F> type, String signature, String hint, Tolerance tolerance) {
        super(id, variable, type, signature, hint, tolerance);
    }

    @Override
    public final List<String> context() {
        return MODEL;
    }
}

package org.interp4j.grade.exercises;

import java.util.function.ToDoubleBiFunction;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/** An exercise whose function turns one unit's scores (or responses) and the samples' 0/1 labels into one number. */
abstract class ScoresAndLabelsExercise extends FunctionExercise<ToDoubleBiFunction<float[], int[]>> {

    ScoresAndLabelsExercise(String id, String variable, String signature, String hint, Tolerance tolerance) {
        super(id, variable, generic(ToDoubleBiFunction.class), signature, hint, tolerance);
    }

    @Override
    protected final Object apply(ToDoubleBiFunction<float[], int[]> f, Trial t, ExerciseContext context) {
        // Copies, so a function that sorts its input in place cannot change the reference's input.
        return f.applyAsDouble(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone());
    }
}

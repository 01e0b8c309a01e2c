package org.interp4j.grade.exercises;

import java.util.List;
import org.interp4j.grade.FunctionExercise;

/** Implement-it exercises of lecture 00 (getting started). */
public final class GettingStartedExercises {

    private GettingStartedExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new NextTokenProbabilities(), new GreedyDecoding(), new ZeroOneNeuron(), new MlpAblationDrop());
    }
}

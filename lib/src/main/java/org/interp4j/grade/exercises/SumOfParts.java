package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.DecompositionExercises.copy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * 05.sum-parts: the hidden state of one target rebuilt from its parts (one row per source slot,
 * the remainder last). The library's sum is the same reduction over the slot axis that
 * {@code Decomposition.sum()} makes.
 */
final class SumOfParts extends FunctionExercise<Function<float[][], float[]>> {

    SumOfParts() {
        // Float sums of at most 16 numbers of size up to ~100: the order of summation moves the result by ~1e-5.
        super("05.sum-parts", "sumOfParts", generic(Function.class),
                "parts -> hidden",
                "the decomposition is exact: every row of parts, the remainder (last row) included, is a vector "
                        + "of the hidden state's size, and the hidden state is their element-wise sum.",
                new Tolerance(1e-4, 1e-5));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(505);
        List<Trial> out = new ArrayList<>();
        // (Object): a float[][] alone would be taken as the varargs array itself
        out.add(new Trial("one source and a remainder (d_model 4)", (Object) parts(r, 1, 4, false, 1)));
        out.add(new Trial("6 sources, a large start-token part, a remainder (d_model 8)", (Object) parts(r, 6, 8, true, 1)));
        out.add(new Trial("a window whose first slots are before position 0 (zero rows)", (Object) parts(r, 9, 6, true, 4)));
        out.add(new Trial("15 sources (d_model 32)", (Object) parts(r, 15, 32, true, 1)));
        return out;
    }

    /** Rows: {@code sources} source slots (the first {@code zeroSlots − 1} all zero, like slots before 0), then a remainder. */
    private static float[][] parts(Random r, int sources, int d, boolean bigStart, int zeroSlots) {
        float[][] p = new float[sources + 1][d];
        for (int s = zeroSlots - 1; s < sources; s++) {
            double scale = bigStart && s == zeroSlots - 1 ? 60 : 1.5;
            for (int i = 0; i < d; i++) p[s][i] = (float) (scale * r.nextGaussian());
        }
        for (int i = 0; i < d; i++) p[sources][i] = (float) (0.5 + r.nextGaussian());
        return p;
    }

    @Override
    protected Object apply(Function<float[][], float[]> f, Trial t, ExerciseContext context) {
        return f.apply(copy((float[][]) t.args()[0]));
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray parts = m.create((float[][]) t.args()[0]);
            return parts.sum(new int[] {0}).toFloatArray();
        }
    }
}

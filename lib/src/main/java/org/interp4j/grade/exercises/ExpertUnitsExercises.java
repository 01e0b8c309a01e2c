package org.interp4j.grade.exercises;

import java.util.List;
import java.util.Random;
import org.interp4j.grade.FunctionExercise;

/** Implement-it exercises of lecture 02 (expert units). */
public final class ExpertUnitsExercises {

    private ExpertUnitsExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new AveragePrecisionByHand(), new TopExperts(), new OnP50(), new ForcingHook());
    }

    static float[] randomScores(Random r, int n, int decimals) {
        float[] x = new float[n];
        double scale = Math.pow(10, decimals);
        for (int i = 0; i < n; i++) {
            double v = r.nextGaussian();
            x[i] = (float) (decimals > 0 ? Math.rint(v * scale) / scale : v);
        }
        return x;
    }

    static int[] randomLabels(Random r, int n, double positives) {
        int[] y = new int[n];
        boolean one = false;
        boolean zero = false;
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < positives ? 1 : 0;
            one |= y[i] == 1;
            zero |= y[i] == 0;
        }
        y[0] = one ? y[0] : 1;
        y[n - 1] = zero ? y[n - 1] : 0;
        return y;
    }
}

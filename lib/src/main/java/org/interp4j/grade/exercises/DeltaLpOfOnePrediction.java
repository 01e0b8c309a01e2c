package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.DecompositionExercises.copy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.interp4j.decompose.DeltaLp;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.DecompositionExercises.DeltaLpOfParts;

/**
 * 05.delta-lp: ΔLP of every part for one prediction, from the final hidden state, the parts and
 * the unembedding, against {@link DeltaLp#of} (the same float32 softmax and log2 as
 * {@link DeltaLp#compute}).
 */
final class DeltaLpOfOnePrediction extends FunctionExercise<DeltaLpOfParts> {

    DeltaLpOfOnePrediction() {
        // The library works in float32; a double computation differs by ~1e-5 bits here (1e-4 with logits near 800).
        super("05.delta-lp", "deltaLpOf", DeltaLpOfParts.class, "(hidden, parts, unembedding, next) -> ΔLP of each part",
                "logits are hidden · Uᵀ (one dot product per vocabulary row); LP is log base 2 of the softmax "
                        + "probability of next; without a part, the logits are those of hidden − part; ΔLP = LP − "
                        + "LP without the part. A softmax must not overflow: subtract the largest logit first.",
                new Tolerance(1e-3, 1e-4));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(2023);
        List<Trial> out = new ArrayList<>();
        out.add(trial(r, "only the start token (vocab 20, d_model 4)", 20, 4, 1, false, false, false));
        out.add(trial(r, "4 sources, one of whose parts is all zeros (vocab 30, d_model 6)", 30, 6, 4, true, false, false));
        out.add(trial(r, "6 sources (vocab 50, d_model 8)", 50, 8, 6, false, false, false));
        out.add(trial(r, "5 sources, an unlikely next token (vocab 50, d_model 8)", 50, 8, 5, false, true, false));
        out.add(trial(r, "5 sources, logits near 800 (vocab 40, d_model 6)", 40, 6, 5, false, false, true));
        return out;
    }

    /**
     * A hidden state that is the sum of its parts plus a remainder. With {@code huge}, every
     * vocabulary row has the same first coordinate and the remainder is large along it: every logit
     * is shifted by the same ~800, which leaves the softmax unchanged but overflows a naive exp.
     */
    private static Trial trial(Random r, String what, int vocab, int d, int sources, boolean zeroPart,
                               boolean unlikely, boolean huge) {
        float[][] u = new float[vocab][d];
        for (float[] row : u) for (int i = 0; i < d; i++) row[i] = (float) (0.8 * r.nextGaussian());
        float[][] parts = new float[sources][d];
        for (int s = 0; s < sources; s++) {
            double scale = s == 0 ? 2.0 : 0.7;
            for (int i = 0; i < d; i++) parts[s][i] = (float) (scale * r.nextGaussian());
        }
        if (zeroPart) Arrays.fill(parts[sources / 2], 0f);
        float[] hidden = new float[d];
        for (int i = 0; i < d; i++) {
            float h = (float) (0.3 * r.nextGaussian());
            for (float[] p : parts) h += p[i];
            hidden[i] = h;
        }
        if (huge) {
            for (float[] row : u) row[0] = 2f;
            hidden[0] += 400f;
        }
        int next = r.nextInt(vocab);
        if (unlikely) {
            // the least likely token of the full logits: a small probability, still far from float32 underflow
            double lowest = Double.POSITIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                double z = 0;
                for (int i = 0; i < d; i++) z += (double) u[v][i] * hidden[i];
                if (z < lowest) {
                    lowest = z;
                    next = v;
                }
            }
        }
        return new Trial(what, hidden, parts, u, next);
    }

    @Override
    protected Object apply(DeltaLpOfParts f, Trial t, ExerciseContext context) {
        Object[] a = t.args();
        return f.apply(((float[]) a[0]).clone(), copy((float[][]) a[1]), copy((float[][]) a[2]), (Integer) a[3]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        Object[] a = t.args();
        return DeltaLp.of((float[]) a[0], (float[][]) a[1], (float[][]) a[2], (Integer) a[3]);
    }
}

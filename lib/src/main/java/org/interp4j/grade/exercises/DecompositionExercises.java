package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;
import org.interp4j.decompose.DeltaLp;
import org.interp4j.decompose.DeltaLpStep;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * Implement-it exercises of lecture 05 (token-wise decomposition and ΔLP). Every trial is small
 * synthetic data from a fixed seed, shaped like the real thing (a large start-token part, a
 * remainder, windows that do not start at position 0), so no check depends on a forward pass.
 */
public final class DecompositionExercises {

    private DecompositionExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new SumOfParts(), new DeltaLpOfOnePrediction(), new TopSource(), new MeanByDistance());
    }

    /** The student's ΔLP of one prediction: one value per part, in the order of {@code parts}. */
    @FunctionalInterface
    public interface DeltaLpOfParts {
        double[] apply(float[] hidden, float[][] parts, float[][] unembedding, int next);
    }

    /**
     * 05.sum-parts: the hidden state of one target rebuilt from its parts (one row per source slot,
     * the remainder last). The library's sum is the same reduction over the slot axis that
     * {@code Decomposition.sum()} makes.
     */
    static final class SumOfParts extends FunctionExercise<Function<float[][], float[]>> {

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

    /**
     * 05.delta-lp: ΔLP of every part for one prediction, from the final hidden state, the parts and
     * the unembedding, against {@link DeltaLp#of} (the same float32 softmax and log2 as
     * {@link DeltaLp#compute}).
     */
    static final class DeltaLpOfOnePrediction extends FunctionExercise<DeltaLpOfParts> {

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

    /**
     * 05.top-source: the most important source of one prediction, as a position, against
     * {@link DeltaLp#argmax}; any source within the tolerance of the largest ΔLP is accepted.
     */
    static final class TopSource extends FunctionExercise<ToIntBiFunction<int[], double[]>> {

        TopSource() {
            super("05.top-source", "topSource", generic(ToIntBiFunction.class),
                    "(sources, deltas) -> source position",
                    "the answer is a position from sources, not an index into the arrays; position 0 is the start token "
                            + "and never counts; with no other source there is no answer (-1). Negative ΔLPs still compete.",
                    Tolerance.abs(1e-6));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(1105);
            List<Trial> out = new ArrayList<>();
            out.add(trial("sources 0..7, the start token has the largest ΔLP", range(0, 8), new float[] {
                    6.1f, 0.2f, -0.4f, 1.3f, 0.05f, 0.9f, -1.2f, 0.7f}));
            out.add(trial("sources 0..10, the largest ΔLP at the last source", range(0, 11), new float[] {
                    3f, 0.4f, 0.1f, -0.2f, 0.3f, 0.0f, 0.25f, -0.6f, 0.15f, 0.2f, 1.7f}));
            out.add(trial("a window: sources 9..14, no start token", range(9, 15), new float[] {
                    0.3f, -0.1f, 2.2f, 0.4f, 1.1f, 0.8f}));
            out.add(trial("only the start token", range(0, 1), new float[] {4f}));
            out.add(trial("every ΔLP negative", range(0, 6), new float[] {-0.2f, -1.5f, -0.9f, -0.3f, -2f, -0.7f}));
            out.add(trial("two sources tied for the largest ΔLP", range(0, 7), new float[] {
                    1f, 0.1f, 0.75f, 0.2f, 0.75f, -0.3f, 0.4f}));
            for (int n : new int[] {9, 13, 16}) {
                float[] delta = new float[n];
                for (int k = 0; k < n; k++) delta[k] = (float) (k == 0 ? 3 + r.nextDouble() : r.nextGaussian());
                out.add(trial("random ΔLPs of sources 0.." + (n - 1), range(0, n), delta));
            }
            return out;
        }

        private static int[] range(int from, int to) {
            int[] s = new int[to - from];
            for (int k = 0; k < s.length; k++) s[k] = from + k;
            return s;
        }

        /** ΔLP = LP − ablated LP, stored like a {@link DeltaLpStep}: the ablated LPs (for the library) and the ΔLPs. */
        private static Trial trial(String what, int[] sources, float[] delta) {
            float lp = -3.25f;
            float[] ablated = new float[delta.length];
            double[] deltas = new double[delta.length];
            for (int k = 0; k < delta.length; k++) {
                ablated[k] = lp - delta[k];
                deltas[k] = lp - ablated[k];
            }
            return new Trial(what, sources, deltas, ablated);
        }

        @Override
        protected Object apply(ToIntBiFunction<int[], double[]> f, Trial t, ExerciseContext context) {
            return f.applyAsInt(((int[]) t.args()[0]).clone(), ((double[]) t.args()[1]).clone());
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return DeltaLp.argmax((int[]) t.args()[0], (float[]) t.args()[2]);
        }

        /** Any source other than the start token whose ΔLP is within the tolerance of the library's choice. */
        @Override
        protected String compare(JsonNode got, JsonNode want, Trial t, ExerciseContext context) {
            if (got == null || !got.isIntegralNumber()) {
                return "the result should be a whole number (a source position)";
            }
            int[] sources = (int[]) t.args()[0];
            double[] deltas = (double[]) t.args()[1];
            int g = got.asInt();
            int w = want.asInt();
            if (w < 0) {
                return g == -1 ? null : "there is no source here other than the start token: the answer is -1";
            }
            if (g == -1) {
                return "the result is -1, but here a source other than the start token exists";
            }
            if (g == 0) {
                return "position 0 is the start token, which never counts";
            }
            int k = -1;
            for (int i = 0; i < sources.length; i++) {
                if (sources[i] == g) k = i;
            }
            if (k < 0) {
                return "the result is not one of the source positions (an index into the arrays instead of a position?)";
            }
            double best = deltas[Arrays.binarySearch(sources, w)];
            return tolerance().accepts(deltas[k], best) || deltas[k] > best ? null
                    : "the result is a source position, but another source has a larger ΔLP";
        }
    }

    /**
     * 05.mean-by-distance: mean ΔLP by distance over a list of steps, against
     * {@link DeltaLp#meanByDistance}. Every distance 1..maxDistance occurs in every trial.
     */
    static final class MeanByDistance extends FunctionExercise<BiFunction<List<DeltaLpStep>, Integer, double[]>> {

        MeanByDistance() {
            // Means of float32 ΔLPs: summed in float or double, they agree to ~1e-6.
            super("05.mean-by-distance", "meanDeltaByDistance",
                    generic(BiFunction.class),
                    "(steps, maxDistance) -> mean ΔLP for distances 1..maxDistance",
                    "a step predicts the token at timestep() from everything before it, so source s is timestep() − s "
                            + "tokens back; leave out the start token (position 0); each distance's mean is over the "
                            + "(step, source) pairs at that distance, not over all steps.",
                    new Tolerance(1e-5, 1e-5));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(1234);
            List<Trial> out = new ArrayList<>();
            out.add(new Trial("3 steps of a 4-token text, maxDistance 2", steps(r, 4, Integer.MAX_VALUE), 2));
            out.add(new Trial("11 steps of a 12-token text, maxDistance 6", steps(r, 12, Integer.MAX_VALUE), 6));
            out.add(new Trial("17 steps with a window of 5 sources, maxDistance 4", steps(r, 18, 5), 4));
            out.add(new Trial("24 steps, maxDistance 10", steps(r, 25, Integer.MAX_VALUE), 10));
            return out;
        }

        /** Steps of an n-token text as {@link DeltaLp#compute} gives them, with random ΔLPs (a big one for the start token). */
        private static List<DeltaLpStep> steps(Random r, int n, int window) {
            List<DeltaLpStep> out = new ArrayList<>();
            for (int j = 0; j + 1 < n; j++) {
                int first = Math.max(0, j - window + 1), count = j - first + 1;
                float lp = (float) (-1 - 8 * r.nextDouble());
                int[] sources = new int[count];
                float[] ablated = new float[count];
                float[] delta = new float[count];
                for (int k = 0; k < count; k++) {
                    sources[k] = first + k;
                    double d = sources[k] == 0 ? 2 + 3 * r.nextDouble() : 0.8 * r.nextGaussian() + 0.3 / (j + 1 - sources[k]);
                    ablated[k] = lp - (float) d;
                    delta[k] = lp - ablated[k];
                }
                int argmax = DeltaLp.argmax(sources, ablated);
                out.add(new DeltaLpStep(j + 1, r.nextInt(1000), lp, sources, ablated, delta, argmax, j + 1 - argmax));
            }
            return out;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Object apply(BiFunction<List<DeltaLpStep>, Integer, double[]> f, Trial t, ExerciseContext context) {
            List<DeltaLpStep> copy = new ArrayList<>();
            for (DeltaLpStep s : (List<DeltaLpStep>) t.args()[0]) {
                copy.add(new DeltaLpStep(s.timestep(), s.predicted(), s.lp(), s.sources().clone(), s.ablatedLp().clone(),
                        s.delta().clone(), s.argmax(), s.distance()));
            }
            return f.apply(copy, (Integer) t.args()[1]);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Object reference(Trial t, ExerciseContext context) {
            return DeltaLp.meanByDistance((List<DeltaLpStep>) t.args()[0], (Integer) t.args()[1]);
        }
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}

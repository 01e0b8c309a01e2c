package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import org.interp4j.expertise.AveragePrecision;
import org.interp4j.expertise.Expertise;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.expertise.UnitExpertise;
import org.interp4j.grade.DataExport;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.Hooked;
import org.interp4j.hooks.Interventions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.steer.ForcedUnit;
import org.interp4j.steer.SelfConditioning;

/** Implement-it exercises of lecture 02 (expert units). */
public final class ExpertUnitsExercises {

    private ExpertUnitsExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new AveragePrecisionByHand(), new TopExperts(), new OnP50(), new ForcingHook());
    }

    /**
     * 02.ap-by-hand: average precision of one unit's scores against 0/1 labels, from its
     * definition, ties handled as scikit-learn does (tied scores form one threshold).
     */
    static final class AveragePrecisionByHand extends FunctionExercise<ToDoubleBiFunction<float[], int[]>> {

        AveragePrecisionByHand() {
            // Pure arithmetic on given inputs: the library agrees with a correct sum to rounding.
            super("02.ap-by-hand", "averagePrecision", generic(ToDoubleBiFunction.class),
                    "(scores, labels) -> average precision",
                    "sort by score, largest first; at each distinct score (a threshold) take precision and recall of "
                            + "everything at or above it; AP is the sum of precision times the increase in recall. "
                            + "Tied scores count as one threshold.",
                    new Tolerance(1e-9, 1e-9));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(2022);
            List<Trial> out = new ArrayList<>();
            out.add(new Trial("6 distinct scores, positives on top",
                    new float[] {0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f}, new int[] {1, 1, 0, 1, 0, 0}));
            out.add(new Trial("6 distinct scores, positives at the bottom",
                    new float[] {0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f}, new int[] {0, 0, 0, 0, 1, 1}));
            out.add(new Trial("8 scores with ties across the classes",
                    new float[] {1f, 1f, 0.5f, 0.5f, 0.5f, 0f, 0f, 2f}, new int[] {1, 0, 1, 0, 0, 1, 0, 0}));
            out.add(new Trial("5 equal scores", new float[] {3f, 3f, 3f, 3f, 3f}, new int[] {0, 1, 0, 1, 1}));
            out.add(new Trial("120 random scores in unsorted order", randomScores(r, 120, 0), randomLabels(r, 120, 0.5)));
            out.add(new Trial("200 scores rounded to one decimal (many ties)", randomScores(r, 200, 1), randomLabels(r, 200, 0.3)));
            return out;
        }

        @Override
        protected Object apply(ToDoubleBiFunction<float[], int[]> f, Trial t, ExerciseContext context) {
            // Copies, so a function that sorts its input in place cannot change the reference's input.
            return f.applyAsDouble(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone());
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return AveragePrecision.of((float[]) t.args()[0], (int[]) t.args()[1]);
        }
    }

    /**
     * 02.top-experts: the columns of the k highest AP values, best first: the ranking that picks
     * the experts to force. Units of equal AP may come in any order (their ranks are a tie).
     */
    static final class TopExperts extends FunctionExercise<BiFunction<double[], Integer, int[]>> {

        /** Two APs closer than this are a tie: AP is a ratio of small counts, so real ties are exact. */
        private static final double TIE = 1e-12;

        TopExperts() {
            super("02.top-experts", "topExperts", generic(BiFunction.class),
                    "(ap, k) -> int[] of k columns, best first",
                    "rank the columns by AP from the highest down and keep the first k; return column indices "
                            + "(uuids), not AP values. Columns with equal AP may come in either order.",
                    Tolerance.abs(TIE));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(7);
            List<Trial> out = new ArrayList<>();
            // Responses rounded to few values give many units with exactly equal AP.
            out.add(trial("k = 1 (the single best unit) among 300 units", r, 40, 300, 1, 1));
            out.add(trial("k = 10 among 300 units with many tied APs", r, 30, 300, 0, 10));
            out.add(trial("k = 25 among 500 units", r, 60, 500, 2, 25));
            out.add(trial("k = all 12 units", r, 20, 12, 1, 12));
            return out;
        }

        /** Random responses with a planted detector here and there, so the best units are not in front. */
        private static Trial trial(String description, Random r, int samples, int units, int decimals, int k) {
            int[] y = randomLabels(r, samples, 0.5);
            float[][] x = new float[samples][units];
            double scale = Math.pow(10, decimals);
            for (int u = 0; u < units; u++) {
                double signal = r.nextInt(4) == 0 ? r.nextDouble() * 2 - 0.5 : 0; // some units lean towards the labels
                for (int s = 0; s < samples; s++) {
                    double v = r.nextGaussian() + signal * y[s];
                    x[s][u] = (float) (Math.rint(v * scale) / scale);
                }
            }
            return new Trial(description, AveragePrecision.compute(x, y), k, x, y);
        }

        @Override
        protected Object apply(BiFunction<double[], Integer, int[]> f, Trial t, ExerciseContext context) {
            return f.apply(((double[]) t.args()[0]).clone(), (Integer) t.args()[1]);
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            ExpertiseResult e = Expertise.compute((float[][]) t.args()[2], (int[]) t.args()[3]);
            return e.top((Integer) t.args()[1]).stream().mapToInt(UnitExpertise::uuid).toArray();
        }

        /** Accepts any order among tied units: the i-th column must have the AP of the library's i-th. */
        @Override
        protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
            double[] ap = (double[]) trial.args()[0];
            if (got == null || !got.isArray()) {
                return "the result should be an int[] of column indices";
            }
            if (got.size() != want.size()) {
                return "the result has " + got.size() + " columns; it should have k = " + want.size();
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < got.size(); i++) {
                int u = got.get(i).asInt(-1);
                if (!got.get(i).isIntegralNumber() || u < 0 || u >= ap.length) {
                    return "element " + i + " is not a column index between 0 and " + (ap.length - 1);
                }
                if (!seen.add(u)) {
                    return "column " + u + " appears twice";
                }
                double best = ap[want.get(i).asInt()];
                if (ap[u] < best - TIE) {
                    return sameUnits(got, want, ap)
                            ? "these are the k best units, but not ranked from the highest AP down"
                            : "element " + i + " has a lower AP than the unit that belongs at rank " + i;
                }
                if (ap[u] > best + TIE) {
                    return "element " + i + " has a higher AP than the unit that belongs at rank " + i
                            + ": a better unit was missed or ranked too late";
                }
            }
            return null;
        }

        /** Whether {@code got} holds units of the same APs as {@code want}, in any order (ties count as equal). */
        private static boolean sameUnits(JsonNode got, JsonNode want, double[] ap) {
            double[] a = new double[got.size()], b = new double[want.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ap[got.get(i).asInt()];
                b[i] = ap[want.get(i).asInt()];
            }
            Arrays.sort(a);
            Arrays.sort(b);
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > TIE) return false;
            }
            return true;
        }
    }

    /**
     * 02.on-p50: the median response on positive samples, as NumPy's {@code np.percentile(q=50)}
     * computes it (linear interpolation between the two middle values), which is what ml-selfcond
     * forces an expert to.
     */
    static final class OnP50 extends FunctionExercise<ToDoubleBiFunction<float[], int[]>> {

        OnP50() {
            // Arithmetic on given inputs; 1e-6 leaves room for a float instead of a double midpoint.
            super("02.on-p50", "onP50", generic(ToDoubleBiFunction.class),
                    "(responses, labels) -> on_p50",
                    "keep only the responses of samples labelled 1, sort them, and take the middle one; with an even "
                            + "number of positives, the point halfway between the two middle values (NumPy's linear "
                            + "percentile at q = 50).",
                    new Tolerance(1e-6, 1e-6));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(50);
            List<Trial> out = new ArrayList<>();
            out.add(new Trial("5 positives (odd) among 8 samples",
                    new float[] {0.4f, 2.0f, -1.0f, 3.5f, 0.9f, 5.0f, 1.2f, -0.3f}, new int[] {1, 0, 1, 1, 0, 1, 0, 1}));
            out.add(new Trial("4 positives (even) among 7 samples",
                    new float[] {2.5f, -0.5f, 7.0f, 1.0f, 4.0f, 0.0f, 3.0f}, new int[] {1, 0, 1, 0, 1, 0, 1}));
            out.add(new Trial("a single positive", new float[] {0.2f, 0.7f, -0.1f}, new int[] {0, 1, 0}));
            out.add(new Trial("6 positives with tied responses, all negative values",
                    new float[] {-2f, -1f, -1f, -3f, -1f, -0.5f, -4f, -0.25f}, new int[] {1, 1, 1, 0, 0, 1, 0, 1}));
            out.add(new Trial("60 positives among 120 random responses", randomScores(r, 120, 0), randomLabels(r, 120, 0.5)));
            out.add(new Trial("about a third positives among 90 random responses", randomScores(r, 90, 0), randomLabels(r, 90, 0.37)));
            return out;
        }

        @Override
        protected Object apply(ToDoubleBiFunction<float[], int[]> f, Trial t, ExerciseContext context) {
            return f.applyAsDouble(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone());
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            float[] x = (float[]) t.args()[0];
            int[] y = (int[]) t.args()[1];
            return Expertise.compute(x, x.length, 1, y, null).onP50()[0];
        }
    }

    /**
     * 02.forcing-hook: a hook that holds given units of an activation at given values at every
     * position, as self-conditioning does. The student's hook and the library's
     * ({@link SelfConditioning#hooks()}) each run in a forward pass of the same model on the same
     * text; the final hidden states must agree (read along a few fixed directions, see {@link ForcingHook#summary}).
     */
    static final class ForcingHook extends FunctionExercise<BiFunction<int[], float[], Hook>> {

        /**
         * Both runs force the same values at the same point, so the outputs differ only by float
         * rounding in the forward pass. Measured on the default model across 1, 2 and 4 intra-op
         * threads (ExpertUnitsExercisesTest#forcingHookToleranceIsMeasuredAndForcingIsVisible, which
         * re-measures it on every run): the largest difference was 0.8% of this tolerance,
         * while the forcing of each trial moves the output by 275 to 1,196 times the tolerance.
         */
        static final Tolerance TOLERANCE = new Tolerance(1e-2, 1e-3);

        /** Directions the final hidden state is read along: the whole state would not fit the way back from a notebook. */
        static final int DIRECTIONS = 16;

        ForcingHook() {
            super("02.forcing-hook", "forcingHook", generic(BiFunction.class),
                    "(units, values) -> a Hook",
                    "a hook gets the activation [batch, position, unit] and returns the array the model goes on "
                            + "with; that array must equal the activation except that unit units[i] holds values[i] "
                            + "at every position of every row.",
                    TOLERANCE);
        }

        @Override
        public List<String> context() {
            return NEEDS_MODEL;
        }

        /** Trial arguments: hook point, units, values, text. Sizes come from the model's config. */
        @Override
        protected List<Trial> trials(ExerciseContext context) {
            LanguageModel m = context.model();
            int layers = m.config().nLayers();
            int mlp = m.config().dMlp();
            int d = m.config().dModel();
            List<Trial> out = new ArrayList<>();
            out.add(new Trial("one unit of an early MLP forced to 4",
                    "blocks." + layers / 6 + ".mlp.hook_post", new int[] {11}, new float[] {4f},
                    "The children played in the park after school."));
            out.add(new Trial("the first, a middle and the last unit of a middle MLP, forced to different values",
                    "blocks." + layers / 2 + ".mlp.hook_post", new int[] {mlp - 1, 0, mlp / 2}, new float[] {3f, -2f, 1.5f},
                    "She opened the letter and began to read"));
            out.add(new Trial("two dimensions of the residual stream near the end",
                    "blocks." + (layers - 2) + ".hook_resid_post", new int[] {d / 3, 5}, new float[] {-6f, 8f},
                    "The team scored twice in the second half"));
            return out;
        }

        @Override
        protected Object apply(BiFunction<int[], float[], Hook> f, Trial t, ExerciseContext context) {
            Object[] a = t.args();
            Hook hook = f.apply(((int[]) a[1]).clone(), ((float[]) a[2]).clone());
            if (hook == null) {
                throw new IllegalStateException("forcingHook returned null instead of a Hook");
            }
            return summary(finalHidden(context.model(), (String) a[3], Hooked.at((String) a[0], hook)));
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return summary(finalHidden(context.model(), (String) t.args()[3], library(t).toArray(Hooked[]::new)));
        }

        /** The library's self-conditioning hooks for the trial's units and values. */
        static List<Hooked> library(Trial t) {
            Object[] a = t.args();
            int[] units = (int[]) a[1];
            float[] values = (float[]) a[2];
            List<ForcedUnit> forced = new ArrayList<>();
            for (int i = 0; i < units.length; i++) forced.add(new ForcedUnit((String) a[0], units[i], values[i], 1.0));
            return SelfConditioning.of(forced).hooks();
        }

        /** The final (post-norm) hidden state of the one row, [position][d_model]. */
        static float[][] finalHidden(LanguageModel model, String text, Hooked... hooks) {
            try (ModelOutput out = model.runWithHooks(text, hooks)) {
                NDArray h = out.lastHidden();
                int positions = (int) h.getShape().get(1);
                float[][] rows = new float[positions][];
                for (int p = 0; p < positions; p++) rows[p] = h.get(0, p).toFloatArray();
                return rows;
            }
        }

        /**
         * The final hidden state of every position along {@value #DIRECTIONS} fixed ±1 directions:
         * [position][direction]. A ±1 direction keeps the size of any change (its dot product with
         * a change vector is about as large as the vector), so a hook that moves the state anywhere
         * moves these numbers, and the output stays small enough to send back from the notebook.
         */
        static float[][] summary(float[][] hidden) {
            Random r = new Random(1);
            int d = hidden.length == 0 ? 0 : hidden[0].length;
            float[][] signs = new float[DIRECTIONS][d];
            for (float[] row : signs) for (int i = 0; i < d; i++) row[i] = r.nextBoolean() ? 1f : -1f;
            float[][] out = new float[hidden.length][DIRECTIONS];
            for (int p = 0; p < hidden.length; p++) {
                for (int k = 0; k < DIRECTIONS; k++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) dot += (double) signs[k][i] * hidden[p][i];
                    out[p][k] = (float) dot; // floats: half the characters on the way back, rounding far below the tolerance
                }
            }
            return out;
        }

        /** Names two common mistakes (nothing forced; only the last position forced) before the generic message. */
        @Override
        protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
            String problem = super.compare(got, want, trial, context);
            if (problem == null) {
                return null;
            }
            LanguageModel m = context.model();
            Object[] a = trial.args();
            String text = (String) a[3];
            if (matches(got, summary(finalHidden(m, text)), context)) {
                return "the model ran as if there were no hook: return the changed array (the hook's return value "
                        + "replaces the activation), and change the units you were given";
            }
            Hook last = lastPositionOnly(Interventions.set((int[]) a[1], (float[]) a[2]));
            if (matches(got, summary(finalHidden(m, text, Hooked.at((String) a[0], last))), context)) {
                return "only the last position is forced; self-conditioning holds the units at every position";
            }
            return problem;
        }

        private boolean matches(JsonNode got, float[][] other, ExerciseContext context) {
            return super.compare(got, DataExport.tree(other), null, context) == null;
        }

        /** {@code hook} at the last position of each call only: a diagnosis, not a forcing the lecture uses. */
        static Hook lastPositionOnly(Hook hook) {
            return (x, ctx) -> {
                NDArray changed = hook.apply(x, ctx);
                if (changed == null || x.getShape().get(1) == 1) return changed;
                return x.get(":, :-1").concat(changed.get(":, -1:"), 1);
            };
        }
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

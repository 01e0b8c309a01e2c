package org.interp4j.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;
import org.interp4j.grade.Check;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Verdict;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.LanguageModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lecture 02's implement-it exercises: the solution's approach passes, plausible mistakes and
 * trivial answers fail, and no message gives a number of the expected answer away.
 */
class ExpertUnitsExercisesTest {

    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.load("smollm2-135m");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static void passes(String id, Object f, Object... context) {
        Verdict v = Check.verdict(id, f, context);
        assertTrue(v.passed(), id + ": " + v.message());
    }

    /** Fails, with a message that names {@code expected} and shows no long decimal (an expected value). */
    static Verdict fails(String id, Object f, String expected, Object... context) {
        Verdict v = Check.verdict(id, f, context);
        assertFalse(v.passed(), id + " should fail");
        assertTrue(v.message().contains(expected), id + ": \"" + expected + "\" not in: " + v.message());
        assertFalse(v.message().matches("(?s).*\\d\\.\\d{3,}.*"), "a number in: " + v.message());
        return v;
    }

    // ---- 02.ap-by-hand --------------------------------------------------------------------------

    /** The notebook's solution: walk the distinct thresholds from the top, sum precision × recall step. */
    static final ToDoubleBiFunction<float[], int[]> AP = (scores, labels) -> {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int positives = 0;
        for (int y : labels) positives += y;
        double ap = 0, recallBefore = 0;
        int truePositives = 0;
        for (int k = 0; k < order.length; k++) {
            truePositives += labels[order[k]];
            boolean thresholdEnds = k == order.length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (thresholdEnds) {
                double precision = truePositives / (double) (k + 1);
                double recall = truePositives / (double) positives;
                ap += precision * (recall - recallBefore);
                recallBefore = recall;
            }
        }
        return ap;
    };

    @Test
    void apByHand() {
        passes("02.ap-by-hand", AP);
        // Ascending order: ranks the negatives' side first.
        ToDoubleBiFunction<float[], int[]> ascending = (s, y) -> {
            float[] neg = new float[s.length];
            for (int i = 0; i < s.length; i++) neg[i] = -s[i];
            return AP.applyAsDouble(neg, y);
        };
        fails("02.ap-by-hand", ascending, "Hint: sort by score, largest first");
        // Mean of the precisions at every threshold, not weighted by the recall step.
        ToDoubleBiFunction<float[], int[]> unweighted = (s, y) -> {
            float[] sorted = s.clone();
            Arrays.sort(sorted);
            double sum = 0;
            int thresholds = 0;
            for (int i = sorted.length - 1; i >= 0; i--) {
                if (i < sorted.length - 1 && sorted[i] == sorted[i + 1]) continue;
                int tp = 0, all = 0;
                for (int j = 0; j < s.length; j++) {
                    if (s[j] >= sorted[i]) {
                        all++;
                        tp += y[j];
                    }
                }
                sum += tp / (double) all;
                thresholds++;
            }
            return sum / thresholds;
        };
        fails("02.ap-by-hand", unweighted, "increase in recall");
        fails("02.ap-by-hand", (ToDoubleBiFunction<float[], int[]>) (s, y) -> 0.5, "differs from the library");
    }

    // ---- 02.top-experts ---------------------------------------------------------------------------

    static final BiFunction<double[], Integer, int[]> TOP = (ap, k) -> IntStream.range(0, ap.length).boxed()
            .sorted(Comparator.comparingDouble((Integer u) -> -ap[u]))
            .limit(k).mapToInt(Integer::intValue).toArray();

    @Test
    void topExperts() {
        passes("02.top-experts", TOP);
        // Ties broken the other way (higher column first) are just as right.
        BiFunction<double[], Integer, int[]> laterFirst = (ap, k) -> IntStream.range(0, ap.length).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> -ap[u]).thenComparing(u -> -u))
                .limit(k).mapToInt(Integer::intValue).toArray();
        passes("02.top-experts", laterFirst);
        BiFunction<double[], Integer, int[]> ascending = (ap, k) -> IntStream.range(0, ap.length).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> ap[u]))
                .limit(k).mapToInt(Integer::intValue).toArray();
        fails("02.top-experts", ascending, "lower AP than the unit that belongs");
        // The right k units, but in column order instead of best first.
        BiFunction<double[], Integer, int[]> unsorted = (ap, k) -> {
            int[] best = TOP.apply(ap, k);
            Arrays.sort(best);
            return best;
        };
        fails("02.top-experts", unsorted, "not ranked from the highest AP down");
        BiFunction<double[], Integer, int[]> oneTooMany = (ap, k) -> TOP.apply(ap, Math.min(ap.length, k + 1));
        fails("02.top-experts", oneTooMany, "it should have k =");
    }

    // ---- 02.on-p50 --------------------------------------------------------------------------------

    static final ToDoubleBiFunction<float[], int[]> ON_P50 = (x, y) -> {
        double[] on = IntStream.range(0, x.length).filter(i -> y[i] == 1).mapToDouble(i -> x[i]).sorted().toArray();
        double position = (on.length - 1) * 0.5;
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return on[below] + (on[above] - on[below]) * (position - below);
    };

    @Test
    void onP50() {
        passes("02.on-p50", ON_P50);
        ToDoubleBiFunction<float[], int[]> upperMiddle = (x, y) -> {
            double[] on = IntStream.range(0, x.length).filter(i -> y[i] == 1).mapToDouble(i -> x[i]).sorted().toArray();
            return on[on.length / 2];
        };
        fails("02.on-p50", upperMiddle, "halfway between the two middle values");
        ToDoubleBiFunction<float[], int[]> medianOfAll = (x, y) -> {
            int[] ones = new int[x.length];
            Arrays.fill(ones, 1);
            return ON_P50.applyAsDouble(x, ones);
        };
        fails("02.on-p50", medianOfAll, "keep only the responses of samples labelled 1");
        ToDoubleBiFunction<float[], int[]> meanOfPositives = (x, y) ->
                IntStream.range(0, x.length).filter(i -> y[i] == 1).mapToDouble(i -> x[i]).average().orElse(0);
        fails("02.on-p50", meanOfPositives, "differs from the library");
    }

    // ---- 02.forcing-hook --------------------------------------------------------------------------

    /** The notebook's solution: a copy of the activation with the given units overwritten at every position. */
    static final BiFunction<int[], float[], Hook> FORCE = (units, values) -> (activation, context) -> {
        NDArray forced = activation.duplicate();
        for (int i = 0; i < units.length; i++) forced.set(new NDIndex(":, :, {}", units[i]), values[i]);
        return forced;
    };

    @Test
    void forcingHook() {
        passes("02.forcing-hook", FORCE, model);
        BiFunction<int[], float[], Hook> readsOnly = (units, values) -> (activation, context) -> null;
        fails("02.forcing-hook", readsOnly, "as if there were no hook", model);
        BiFunction<int[], float[], Hook> lastOnly = (units, values) -> (activation, context) -> {
            NDArray forced = activation.duplicate();
            for (int i = 0; i < units.length; i++) forced.set(new NDIndex(":, -1, {}", units[i]), values[i]);
            return forced;
        };
        fails("02.forcing-hook", lastOnly, "only the last position", model);
        BiFunction<int[], float[], Hook> adds = (units, values) -> (activation, context) -> {
            NDArray forced = activation.duplicate();
            for (int i = 0; i < units.length; i++) {
                NDIndex at = new NDIndex(":, :, {}", units[i]);
                forced.set(at, forced.get(at).add(values[i]));
            }
            return forced;
        };
        fails("02.forcing-hook", adds, "holds values[i]", model);
        // Every unit set to the first value: right on a one-unit trial only.
        BiFunction<int[], float[], Hook> firstValue = (units, values) -> FORCE.apply(units,
                filled(units.length, values[0]));
        fails("02.forcing-hook", firstValue, "differs from the library on 2 of 3", model);
    }

    static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
    }

    /**
     * The forcing hook's tolerance holds across intra-op thread counts, and every trial's forcing
     * moves the output by far more than the tolerance, so a hook that forces nothing cannot pass.
     */
    @Test
    void forcingHookToleranceIsMeasuredAndForcingIsVisible() {
        var ex = new ForcingHook();
        var ctx = context(model);
        int before = JniUtils.getNumThreads();
        try {
            for (FunctionExercise.Trial t : ex.trials(ctx)) {
                String text = (String) t.args()[3];
                Hooked[] lib = ForcingHook.library(t).toArray(Hooked[]::new);
                List<float[][]> runs = new ArrayList<>();
                for (int threads : new int[] {1, 2, 4}) {
                    JniUtils.setNumThreads(threads);
                    runs.add(ForcingHook.summary(ForcingHook.finalHidden(model, text, lib)));
                }
                JniUtils.setNumThreads(before);
                float[][] unforced = ForcingHook.summary(ForcingHook.finalHidden(model, text));
                double spread = Math.max(maxExcess(runs.get(0), runs.get(1)), maxExcess(runs.get(0), runs.get(2)));
                double effect = maxExcess(runs.get(0), unforced);
                System.out.printf("%s: 1/2/4 threads differ by %.2e of the tolerance, forcing moves %.1fx the tolerance%n",
                        t.description(), spread, effect);
                assertTrue(spread < 0.1, t.description() + ": thread counts differ by " + spread + " of the tolerance");
                assertTrue(effect > 100, t.description() + ": forcing moves only " + effect + "x the tolerance");
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** The largest |a − b| in units of the exercise's tolerance at b. */
    static double maxExcess(float[][] a, float[][] b) {
        var tol = ForcingHook.TOLERANCE;
        double worst = 0;
        for (int p = 0; p < a.length; p++) {
            for (int i = 0; i < a[p].length; i++) {
                worst = Math.max(worst, Math.abs(a[p][i] - b[p][i]) / (tol.abs() + tol.rel() * Math.abs(b[p][i])));
            }
        }
        return worst;
    }

    // ---- trivial answers --------------------------------------------------------------------------

    @Test
    void trivialAnswersScoreNothing() {
        List<ToDoubleBiFunction<float[], int[]>> scalars = List.of((s, y) -> 0, (s, y) -> 0.5, (s, y) -> 1,
                (s, y) -> -AP.applyAsDouble(s, y), (s, y) -> -ON_P50.applyAsDouble(s, y), (s, y) -> s[0],
                (s, y) -> s[s.length - 1], (s, y) -> Double.NaN);
        for (var f : scalars) {
            assertFalse(Check.verdict("02.ap-by-hand", f).passed());
            assertFalse(Check.verdict("02.on-p50", f).passed());
        }
        List<BiFunction<double[], Integer, int[]>> tops = List.of((ap, k) -> new int[0], (ap, k) -> new int[k],
                (ap, k) -> IntStream.range(0, k).toArray(), (ap, k) -> IntStream.range(ap.length - k, ap.length).toArray(),
                (ap, k) -> null);
        for (var f : tops) {
            assertFalse(Check.verdict("02.top-experts", f).passed());
        }
        List<BiFunction<int[], float[], Hook>> hooks = List.of((u, v) -> null, (u, v) -> (x, c) -> null,
                (u, v) -> (x, c) -> x, (u, v) -> (x, c) -> x.zerosLike(), (u, v) -> (x, c) -> x.neg());
        for (var f : hooks) {
            assertFalse(Check.verdict("02.forcing-hook", f, model).passed());
        }
        for (Object wrongType : new Object[] {null, 0, 0.0, "", new int[0]}) {
            for (String id : List.of("02.ap-by-hand", "02.top-experts", "02.on-p50")) {
                assertFalse(Check.verdict(id, wrongType).passed(), id + " with " + wrongType);
            }
        }
    }

    // ---- access to the package-private parts -------------------------------------------------------

    static ExerciseContext context(LanguageModel m) {
        try {
            var of = ExerciseContext.class.getDeclaredMethod("of", Object[].class);
            of.setAccessible(true);
            return (ExerciseContext) of.invoke(null, (Object) new Object[] {m});
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

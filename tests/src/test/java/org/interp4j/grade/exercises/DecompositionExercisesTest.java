package org.interp4j.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;
import org.interp4j.decompose.DeltaLpStep;
import org.interp4j.grade.Check;
import org.interp4j.grade.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Lecture 05's implement-it exercises: the solution's approach passes, typical mistakes and trivial
 * answers fail, and no message gives a number away.
 */
class DecompositionExercisesTest {

    // ---- the solutions, written as in the notebook ------------------------------------------------

    static final Function<float[][], float[]> SUM = parts -> {
        float[] h = new float[parts[0].length];
        for (float[] p : parts) for (int i = 0; i < h.length; i++) h[i] += p[i];
        return h;
    };

    /** log2 softmax(logits)[next], stable: log-sum-exp around the largest logit. */
    static double log2Prob(double[] logits, int next) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) max = Math.max(max, z);
        double sum = 0;
        for (double z : logits) sum += Math.exp(z - max);
        return (logits[next] - max - Math.log(sum)) / Math.log(2);
    }

    static double[] logits(float[] h, float[][] u) {
        double[] z = new double[u.length];
        for (int v = 0; v < u.length; v++) for (int i = 0; i < h.length; i++) z[v] += (double) u[v][i] * h[i];
        return z;
    }

    static final DecompositionExercises.DeltaLpOfParts DELTA = (hidden, parts, u, next) -> {
        double lp = log2Prob(logits(hidden, u), next);
        double[] out = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            float[] without = new float[hidden.length];
            for (int i = 0; i < hidden.length; i++) without[i] = hidden[i] - parts[k][i];
            out[k] = lp - log2Prob(logits(without, u), next);
        }
        return out;
    };

    static final ToIntBiFunction<int[], double[]> TOP = (sources, deltas) -> {
        int best = -1;
        for (int k = 0; k < sources.length; k++) {
            if (sources[k] != 0 && (best < 0 || deltas[k] > deltas[best])) best = k;
        }
        return best < 0 ? -1 : sources[best];
    };

    static BiFunction<List<DeltaLpStep>, Integer, double[]> mean(boolean skipStart, int offset, boolean perStep) {
        return (steps, max) -> {
            double[] sum = new double[max];
            int[] count = new int[max];
            for (DeltaLpStep s : steps) {
                for (int k = 0; k < s.sources().length; k++) {
                    int d = s.timestep() - s.sources()[k] + offset;
                    if ((skipStart && s.sources()[k] == 0) || d < 1 || d > max) continue;
                    sum[d - 1] += s.delta()[k];
                    count[d - 1]++;
                }
            }
            for (int i = 0; i < max; i++) sum[i] /= perStep ? steps.size() : count[i];
            return sum;
        };
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static void passes(String id, Object f) {
        Verdict v = Check.verdict(id, f);
        assertTrue(v.passed(), id + ": " + v.message());
    }

    /** Fails, and the message says what kind of wrong (contains {@code words}) with no long decimal in it. */
    static void fails(String id, Object f, String words) {
        Verdict v = Check.verdict(id, f);
        assertFalse(v.passed(), id + " should fail");
        System.out.println(v.message());
        assertTrue(v.message().contains(words), id + ": " + v.message());
        assertFalse(v.message().matches("(?s).*\\d\\.\\d{3,}.*"), "a number in: " + v.message());
    }

    // ---- the exercises ----------------------------------------------------------------------------

    @Test
    void sumOfParts() {
        passes("05.sum-parts", SUM);
        Function<float[][], float[]> noRemainder = parts -> {
            float[] h = new float[parts[0].length];
            for (int s = 0; s + 1 < parts.length; s++) for (int i = 0; i < h.length; i++) h[i] += parts[s][i];
            return h;
        };
        fails("05.sum-parts", noRemainder, "differs from the library");
        Function<float[][], float[]> lastRow = parts -> parts[parts.length - 1].clone();
        fails("05.sum-parts", lastRow, "differs from the library");
        Function<float[][], float[]> sumOverDims = parts -> {
            float[] h = new float[parts.length];
            for (int s = 0; s < parts.length; s++) for (float v : parts[s]) h[s] += v;
            return h;
        };
        fails("05.sum-parts", sumOverDims, "shape");
        fails("05.sum-parts", (Function<float[][], float[]>) parts -> new float[parts[0].length], "is 0");
        fails("05.sum-parts", (Function<float[][], float[]>) parts -> null, "null");
    }

    @Test
    void deltaLp() {
        passes("05.delta-lp", DELTA);
        // natural log instead of log2: every ΔLP ln 2 times too small
        DecompositionExercises.DeltaLpOfParts nats = (h, p, u, n) -> {
            double[] d = DELTA.apply(h, p, u, n);
            for (int k = 0; k < d.length; k++) d[k] *= Math.log(2);
            return d;
        };
        fails("05.delta-lp", nats, "too small");
        DecompositionExercises.DeltaLpOfParts flipped = (h, p, u, n) -> {
            double[] d = DELTA.apply(h, p, u, n);
            for (int k = 0; k < d.length; k++) d[k] = -d[k];
            return d;
        };
        fails("05.delta-lp", flipped, "sign");
        // the softmax without its largest logit taken out: fine on small logits, NaN near 800
        DecompositionExercises.DeltaLpOfParts naive = (h, p, u, n) -> {
            java.util.function.ToDoubleFunction<float[]> lp = x -> {
                double[] z = logits(x, u);
                double sum = 0;
                for (double v : z) sum += Math.exp(v);
                return Math.log(Math.exp(z[n]) / sum) / Math.log(2);
            };
            double full = lp.applyAsDouble(h);
            double[] d = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                float[] w = h.clone();
                for (int i = 0; i < w.length; i++) w[i] -= p[k][i];
                d[k] = full - lp.applyAsDouble(w);
            }
            return d;
        };
        fails("05.delta-lp", naive, "NaN");
        // ΔLP measured on the logit of the next token alone, without the softmax's normalisation
        DecompositionExercises.DeltaLpOfParts rawLogit = (h, p, u, n) -> {
            double[] d = new double[p.length];
            for (int k = 0; k < p.length; k++) for (int i = 0; i < h.length; i++) d[k] += u[n][i] * p[k][i] / Math.log(2);
            return d;
        };
        fails("05.delta-lp", rawLogit, "differs from the library");
        fails("05.delta-lp", (DecompositionExercises.DeltaLpOfParts) (h, p, u, n) -> new double[p.length], "is 0");
    }

    @Test
    void topSource() {
        passes("05.top-source", TOP);
        ToIntBiFunction<int[], double[]> index = (sources, deltas) -> {
            int best = -1;
            for (int k = 0; k < sources.length; k++) if (sources[k] != 0 && (best < 0 || deltas[k] > deltas[best])) best = k;
            return best;
        };
        fails("05.top-source", index, "index");
        ToIntBiFunction<int[], double[]> withStart = (sources, deltas) -> {
            int best = 0;
            for (int k = 1; k < sources.length; k++) if (deltas[k] > deltas[best]) best = k;
            return sources[best];
        };
        fails("05.top-source", withStart, "start token");
        ToIntBiFunction<int[], double[]> smallest = (sources, deltas) -> {
            int best = -1;
            for (int k = 0; k < sources.length; k++) if (sources[k] != 0 && (best < 0 || deltas[k] < deltas[best])) best = k;
            return best < 0 ? -1 : sources[best];
        };
        fails("05.top-source", smallest, "larger");
        // the same argmax keeping the LAST of tied sources: accepted (near-ties count as right)
        ToIntBiFunction<int[], double[]> lastOfTies = (sources, deltas) -> {
            int best = -1;
            for (int k = 0; k < sources.length; k++) if (sources[k] != 0 && (best < 0 || deltas[k] >= deltas[best])) best = k;
            return best < 0 ? -1 : sources[best];
        };
        passes("05.top-source", lastOfTies);
    }

    @Test
    void meanByDistance() {
        passes("05.mean-by-distance", mean(true, 0, false));
        fails("05.mean-by-distance", mean(false, 0, false), "differs from the library");
        fails("05.mean-by-distance", mean(true, -1, false), "differs from the library");
        fails("05.mean-by-distance", mean(true, 0, true), "differs from the library");
    }

    /** A double-precision ΔLP stays far inside the tolerance of the library's float32 one (measured, printed). */
    @Test
    void deltaLpToleranceHasMargin() {
        DeltaLpOfOnePrediction ex = new DeltaLpOfOnePrediction();
        double worst = 0;
        for (var t : ex.trials(null)) {
            double[] mine = (double[]) ex.apply(DELTA, t, null);
            float[] lib = (float[]) ex.reference(t, null);
            for (int k = 0; k < lib.length; k++) {
                double allowed = ex.tolerance().abs() + ex.tolerance().rel() * Math.abs(lib[k]);
                worst = Math.max(worst, Math.abs(mine[k] - lib[k]) / allowed);
            }
        }
        System.out.printf("05.delta-lp: largest |double − library| is %.3f of the tolerance%n", worst);
        assertTrue(worst < 0.2, "margin " + worst);
    }

    /** Answers that know nothing of the method: none scores on any exercise. */
    @Test
    void trivialAnswersFail() {
        for (int c : new int[] {-1, 0, 1, 2}) {
            assertFalse(Check.verdict("05.top-source", (ToIntBiFunction<int[], double[]>) (s, d) -> c).passed(), "constant " + c);
        }
        assertFalse(Check.verdict("05.top-source", (ToIntBiFunction<int[], double[]>) (s, d) -> s[Math.min(1, s.length - 1)]).passed());
        assertFalse(Check.verdict("05.top-source", (ToIntBiFunction<int[], double[]>) (s, d) -> s[s.length - 1]).passed());
        for (float c : new float[] {0f, 1f}) {
            assertFalse(Check.verdict("05.sum-parts", (Function<float[][], float[]>) p -> {
                float[] h = new float[p[0].length];
                java.util.Arrays.fill(h, c);
                return h;
            }).passed());
        }
        for (double c : new double[] {0, 1}) {
            assertFalse(Check.verdict("05.delta-lp", (DecompositionExercises.DeltaLpOfParts) (h, p, u, n) -> {
                double[] d = new double[p.length];
                java.util.Arrays.fill(d, c);
                return d;
            }).passed());
            assertFalse(Check.verdict("05.mean-by-distance", (BiFunction<List<DeltaLpStep>, Integer, double[]>) (s, m) -> {
                double[] d = new double[m];
                java.util.Arrays.fill(d, c);
                return d;
            }).passed());
        }
        assertFalse(Check.verdict("05.mean-by-distance", 0.0).passed());
        assertFalse(Check.verdict("05.delta-lp", null).passed());
    }
}

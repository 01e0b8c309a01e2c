package org.interp4j.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.interp4j.data.WordList;
import org.interp4j.grade.Check;
import org.interp4j.grade.Verdict;
import org.interp4j.model.LanguageModel;
import org.interp4j.probe.NormalTail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lecture 01's implement-it exercises: the solution's approach (written here independently of the
 * library) passes, and plausible student mistakes fail with a message that names the kind of
 * mistake and never an expected value.
 */
class NegationTuningExercisesTest {

    private static LanguageModel model;
    private static final Set<String> NEGATIONS = new HashSet<>(WordList.negations().words());
    private static final Set<String> AFFIRMATIONS = new HashSet<>(WordList.affirmations().words());

    @BeforeAll
    static void load() {
        model = LanguageModel.load("smollm2-135m");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    // ---- 01.target-rule ---------------------------------------------------------------------------

    /** The rule as the lecture states it; the switches give the plausible mistakes. */
    static Function<String[], int[]> rule(boolean spaceOnly, boolean wholeTokenOnly, boolean stripBothSides,
                                          boolean nextTokenNot) {
        return texts -> {
            int[] labels = new int[texts.length];
            java.util.Arrays.fill(labels, -1);
            StringBuilder text = new StringBuilder();
            int[] end = new int[texts.length];
            for (int t = 0; t < texts.length; t++) {
                text.append(texts[t].replace('\u2019', '\'').toLowerCase(Locale.ROOT));
                end[t] = text.length();
            }
            for (int t = 0; t + 1 < texts.length; t++) {
                String next = texts[t + 1];
                boolean wordEnds = !next.isEmpty() && (spaceOnly ? next.charAt(0) == ' ' : Character.isWhitespace(next.charAt(0)));
                if (!wordEnds) continue;
                int start = end[t];
                if (wholeTokenOnly) start = end[t] - texts[t].length();
                else while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) start--;
                String raw = text.substring(start, end[t]).strip();
                String word = raw.replaceAll("^[^\\p{L}\\p{N}]+", "");
                if (stripBothSides) word = word.replaceAll("[^\\p{L}\\p{N}]+$", "");
                if (NEGATIONS.contains(word) || raw.endsWith("'t")) {
                    labels[t] = 1;
                    continue;
                }
                String after = text.substring(end[t]).stripLeading();
                String nextWord = nextTokenNot ? next.strip().toLowerCase(Locale.ROOT)
                        : after.replaceAll("(?s)^(\\p{L}*).*", "$1");
                if (AFFIRMATIONS.contains(word) && !nextWord.equals("not")) labels[t] = 0;
            }
            return labels;
        };
    }

    @Test
    void targetRule() {
        Verdicts.passes("01.target-rule", rule(false, false, false, false), model);
        // Only a plain space ends a word: misses targets before line breaks.
        assertTrue(Verdicts.fails("01.target-rule", rule(true, false, false, false), model).contains("missed"));
        // The seed's per-token reading: "k"+"not" becomes a negation, "can"+"not" is missed as a word.
        Verdicts.fails("01.target-rule", rule(false, true, false, false), model);
        // Punctuation stripped from the end too: "not." counts although the word is "not.".
        assertTrue(Verdicts.fails("01.target-rule", rule(false, false, true, false), model).contains("reject"));
        // "Next token is not" instead of "next word is not": "can not|ably" loses its affirmation.
        Verdicts.fails("01.target-rule", rule(false, false, false, true), model);
        // Trivial answers.
        Verdicts.fails("01.target-rule", (Function<String[], int[]>) t -> new int[t.length], model);
        Verdicts.fails("01.target-rule", (Function<String[], int[]>) t -> {
            int[] a = new int[t.length];
            java.util.Arrays.fill(a, -1);
            return a;
        }, model);
        Verdicts.fails("01.target-rule", (Function<String[], int[]>) t -> new int[0], model);
        Verdicts.fails("01.target-rule", (Function<String[], int[]>) t -> null, model);
    }

    // ---- logistic regression ------------------------------------------------------------------------

    /** Sums over the samples at (a, b): Σw, Σwx, Σwx², Σ(y−p), Σ(y−p)x. */
    static double[] sums(float[] x, int[] y, double a, double b) {
        double[] s = new double[5];
        for (int i = 0; i < x.length; i++) {
            double p = 1 / (1 + Math.exp(-(a + b * x[i]))), w = p * (1 - p), r = y[i] - p;
            s[0] += w; s[1] += w * x[i]; s[2] += w * x[i] * x[i]; s[3] += r; s[4] += r * x[i];
        }
        return s;
    }

    static final NegationTuningExercises.NewtonStep NEWTON = (x, y, a, b) -> {
        double[] s = sums(x, y, a, b);
        double det = s[0] * s[2] - s[1] * s[1];
        return new double[] {a + (s[2] * s[3] - s[1] * s[4]) / det, b + (s[0] * s[4] - s[1] * s[3]) / det};
    };

    @Test
    void newtonStep() {
        Verdicts.passes("01.newton-step", NEWTON);
        // Subtracting the step (minimising the likelihood's sign-flipped Hessian).
        Verdicts.fails("01.newton-step", (NegationTuningExercises.NewtonStep) (x, y, a, b) -> {
            double[] s = sums(x, y, a, b);
            double det = s[0] * s[2] - s[1] * s[1];
            return new double[] {a - (s[2] * s[3] - s[1] * s[4]) / det, b - (s[0] * s[4] - s[1] * s[3]) / det};
        });
        // No intercept column: a one-parameter Newton step on the slope only.
        Verdicts.fails("01.newton-step", (NegationTuningExercises.NewtonStep) (x, y, a, b) -> {
            double[] s = sums(x, y, a, b);
            return new double[] {a, b + s[4] / s[2]};
        });
        // A gradient step instead of a Newton step (no Hessian).
        Verdicts.fails("01.newton-step", (NegationTuningExercises.NewtonStep) (x, y, a, b) -> {
            double[] s = sums(x, y, a, b);
            return new double[] {a + s[3] / x.length, b + s[4] / x.length};
        });
        // Trivial answers.
        Verdicts.fails("01.newton-step", (NegationTuningExercises.NewtonStep) (x, y, a, b) -> new double[] {a, b});
        Verdicts.fails("01.newton-step", (NegationTuningExercises.NewtonStep) (x, y, a, b) -> new double[2]);
        Verdicts.fails("01.newton-step", (NegationTuningExercises.NewtonStep) (x, y, a, b) -> null);
    }

    static final NegationTuningExercises.WaldStatistic WALD = (x, y, a, b) -> {
        double[] s = sums(x, y, a, b);
        return b / Math.sqrt(s[0] / (s[0] * s[2] - s[1] * s[1]));
    };

    @Test
    void waldZ() {
        Verdicts.passes("01.wald-z", WALD);
        // The intercept's variance (the other diagonal entry) instead of the slope's.
        Verdicts.fails("01.wald-z", (NegationTuningExercises.WaldStatistic) (x, y, a, b) -> {
            double[] s = sums(x, y, a, b);
            return b / Math.sqrt(s[2] / (s[0] * s[2] - s[1] * s[1]));
        });
        // Ignoring the intercept: 1 / Σwx² as the variance.
        Verdicts.fails("01.wald-z", (NegationTuningExercises.WaldStatistic) (x, y, a, b) -> b * Math.sqrt(sums(x, y, a, b)[2]));
        // The variance where the standard error belongs (no square root).
        Verdicts.fails("01.wald-z", (NegationTuningExercises.WaldStatistic) (x, y, a, b) -> {
            double[] s = sums(x, y, a, b);
            return b / (s[0] / (s[0] * s[2] - s[1] * s[1]));
        });
        // A p-value instead of z, and trivial answers.
        Verdicts.fails("01.wald-z", (NegationTuningExercises.WaldStatistic) (x, y, a, b) -> NormalTail.twoSided(WALD.z(x, y, a, b)));
        Verdicts.fails("01.wald-z", (NegationTuningExercises.WaldStatistic) (x, y, a, b) -> -WALD.z(x, y, a, b));
        Verdicts.fails("01.wald-z", (NegationTuningExercises.WaldStatistic) (x, y, a, b) -> 0);
    }

    // ---- 01.tuned-percent ---------------------------------------------------------------------------

    static BiFunction<double[][], double[][], double[]> tuned(boolean divideByAll, boolean anySign, boolean fraction) {
        return (p, b) -> {
            int all = 0;
            for (double[] row : p) all += row.length;
            double[] out = new double[p.length];
            for (int l = 0; l < p.length; l++) {
                double threshold = 0.05 / (divideByAll ? all : p[l].length);
                int n = 0;
                for (int u = 0; u < p[l].length; u++) if (p[l][u] < threshold && (anySign || b[l][u] > 0)) n++;
                out[l] = (fraction ? 1.0 : 100.0) * n / p[l].length;
            }
            return out;
        };
    }

    @Test
    void tunedPercent() {
        Verdicts.passes("01.tuned-percent", tuned(false, false, false));
        Verdicts.fails("01.tuned-percent", tuned(true, false, false));    // one family for all layers
        Verdicts.fails("01.tuned-percent", tuned(false, true, false));    // beta > 0 forgotten
        assertTrue(Verdicts.fails("01.tuned-percent", tuned(false, false, true)).contains("order of magnitude"));
        // <= instead of <: the same here, except at the threshold itself; NaN as 0 would count separated units.
        Verdicts.fails("01.tuned-percent", (BiFunction<double[][], double[][], double[]>) (p, b) -> {
            double[] out = new double[p.length];
            for (int l = 0; l < p.length; l++) {
                int n = 0;
                for (int u = 0; u < p[l].length; u++) {
                    double pv = Double.isNaN(p[l][u]) ? 0 : p[l][u];
                    if (pv < 0.05 / p[l].length && b[l][u] > 0) n++;
                }
                out[l] = 100.0 * n / p[l].length;
            }
            return out;
        });
        Verdicts.fails("01.tuned-percent", (BiFunction<double[][], double[][], double[]>) (p, b) -> new double[p.length]);
        Verdicts.fails("01.tuned-percent", (BiFunction<double[][], double[][], double[]>) (p, b) -> new double[0]);
        Verdicts.fails("01.tuned-percent", (BiFunction<double[][], double[][], double[]>) (p, b) -> null);
    }

    @Test
    void everyExerciseIsListedOnce() {
        List<String> ids = NegationTuningExercises.all().stream().map(e -> e.id()).toList();
        assertTrue(ids.equals(List.of("01.target-rule", "01.newton-step", "01.wald-z", "01.tuned-percent")), ids.toString());
    }
}

package org.interp4j.grade.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.interp4j.data.BrownCorpus;
import org.interp4j.data.Target;
import org.interp4j.data.TargetFinder;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.FunctionExercise.Trial;
import org.interp4j.grade.Tolerance;
import org.interp4j.probe.UnitProbeResult;
import org.interp4j.probe.UnitProbes;
import org.interp4j.tokenize.Tokenizer;

/** Implement-it exercises of lecture 01 (negation tuning). */
public final class NegationTuningExercises {

    private NegationTuningExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new TargetRule(), new NewtonStepExercise(), new WaldZ(), new TunedPercent());
    }

    /** One Newton step of a one-unit logistic regression: from (intercept, beta) to the next (intercept, beta). */
    @FunctionalInterface
    public interface NewtonStep {
        double[] step(float[] activations, int[] labels, double intercept, double beta);
    }

    /** The Wald z of a fitted one-unit logistic regression's slope. */
    @FunctionalInterface
    public interface WaldStatistic {
        double z(float[] activations, int[] labels, double intercept, double beta);
    }

    // ---- 01.target-rule ---------------------------------------------------------------------------

    /**
     * 01.target-rule: the lecture's word rules on the texts of a token sequence, one label per
     * token: 1 negation, 0 affirmation, -1 neither. The reference is {@link TargetFinder} on the same
     * token texts. Labels are exact, so the tolerance is zero.
     */
    static final class TargetRule extends FunctionExercise<Function<String[], int[]>> {

        private static final TargetFinder FINDER = TargetFinder.defaults();

        TargetRule() {
            super("01.target-rule", "targetRule", generic(Function.class),
                    "tokenTexts -> int[] of labels (1 negation, 0 affirmation, -1 neither), one per token",
                    "a token is a target only if the NEXT token starts with whitespace (so the word ends here). The word "
                            + "is everything from the last whitespace up to the end of this token, with quotes or brackets "
                            + "in front removed, lower-cased, and \u2019 read as '. Negation: a listed negation word, or a "
                            + "word ending in 't. Affirmation: a listed affirmation word whose next word is not exactly "
                            + "\"not\" (\"notably\" is another word).",
                    Tolerance.EXACT);
        }

        @Override
        public List<String> context() {
            return NEEDS_MODEL;
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            List<Trial> out = new ArrayList<>();
            out.add(new Trial("a plain negation", (Object) new String[] {"I", " do", " not", " know", "."}));
            out.add(new Trial("contractions split over two tokens",
                    (Object) new String[] {"I", " don", "'t", " know", " why", " it", " isn", "'t", " here", "."}));
            out.add(new Trial("affirmations, one followed by \"not\"",
                    (Object) new String[] {"We", " can", " not", " stay", ",", " we", " can", " go", " and", " may",
                            " always", " agree", "."}));
            out.add(new Trial("listed words that only start a longer word",
                    (Object) new String[] {" not", "ion", " is", " can", "opy", " and", " may", "hem", " now"}));
            out.add(new Trial("a word made of several tokens",
                    (Object) new String[] {"He", " can", "not", " go", ",", " the", " k", "not", " holds", "."}));
            out.add(new Trial("words right before punctuation",
                    (Object) new String[] {"Certainly", " not", ".", " So", " never", ",", " nor", "!", " Should", " I", "?"}));
            out.add(new Trial("quotes, brackets and capitals",
                    (Object) new String[] {"\"", "Never", " mind", ",\"", " she", " said", ".", " (", "Can", " you",
                            " ALWAYS", " go", "?)"}));
            out.add(new Trial("a typographic apostrophe and upper case",
                    (Object) new String[] {"I", " D", "ON", "'", "T", " care", ".", " Don", "\u2019", "t", " stop", "."}));
            out.add(new Trial("\"not\" starting a longer next word",
                    (Object) new String[] {" You", " can", " not", "ably", " win", ",", " could", " not", "."}));
            out.add(new Trial("line breaks as the following whitespace",
                    (Object) new String[] {" never", "\n", "Then", " should", "\n\n", "not", " might", "\t", "x"}));
            out.add(new Trial("a target word as the very last token",
                    (Object) new String[] {" We", " might", " go", " or", " not"}));
            // Real text as the model's tokenizer cuts it.
            Tokenizer tok = context.model().tokenizer();
            out.add(new Trial("sentences tokenised by the model",
                    (Object) tokenTexts(tok, "I can't say I never agreed, but we shouldn't, and we certainly may not. "
                            + "\"Can you?\" she asked; he could not, nor would he. Won't you? It cannot be.")));
            String brown = BrownCorpus.open().negationText();
            long[] ids = tok.encode(brown);
            out.add(new Trial("the first 500 tokens of the lecture's text",
                    (Object) tokenTexts(tok, Arrays.copyOfRange(ids, 0, 500))));
            out.add(new Trial("500 tokens from the middle of the lecture's text",
                    (Object) tokenTexts(tok, Arrays.copyOfRange(ids, ids.length / 2, ids.length / 2 + 500))));
            return out;
        }

        @Override
        protected Object apply(Function<String[], int[]> f, Trial t, ExerciseContext context) {
            return f.apply(((String[]) t.args()[0]).clone());
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            String[] texts = (String[]) t.args()[0];
            int[] labels = new int[texts.length];
            Arrays.fill(labels, -1);
            for (Target target : FINDER.findInTokenTexts(Arrays.asList(texts))) labels[target.position()] = target.label();
            return labels;
        }

        /** Counts the kinds of mistake (extra targets, missed targets, wrong class), never where they are. */
        @Override
        protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
            if (!got.isArray() || got.size() != want.size()) return super.compare(got, want, trial, context);
            int extra = 0, missed = 0, swapped = 0, invalid = 0;
            for (int i = 0; i < want.size(); i++) {
                JsonNode g = got.get(i);
                if (!g.isIntegralNumber() || g.asInt() < -1 || g.asInt() > 1) {
                    invalid++;
                    continue;
                }
                int gi = g.asInt(), wi = want.get(i).asInt();
                if (gi == wi) continue;
                if (wi == -1) extra++;
                else if (gi == -1) missed++;
                else swapped++;
            }
            if (invalid + extra + missed + swapped == 0) return null;
            List<String> parts = new ArrayList<>();
            if (invalid > 0) parts.add(invalid + " label(s) other than -1, 0 or 1");
            if (extra > 0) parts.add(extra + " token(s) marked as targets that the rules reject");
            if (missed > 0) parts.add(missed + " target(s) missed");
            if (swapped > 0) parts.add(swapped + " target(s) with the wrong class");
            return String.join(", ", parts);
        }

        private static String[] tokenTexts(Tokenizer tok, String text) {
            return tokenTexts(tok, tok.encode(text));
        }

        /** Each token decoded alone, with its leading space, as the notebook's tokenTexts() does. */
        static String[] tokenTexts(Tokenizer tok, long[] ids) {
            String[] out = new String[ids.length];
            for (int i = 0; i < ids.length; i++) out[i] = tok.decode(new long[] {ids[i]}, true);
            return out;
        }
    }

    // ---- logistic regression of one unit ----------------------------------------------------------

    /**
     * Small one-unit data sets where neither class separates from the other: class 1 shifted by
     * {@code shift} standard deviations, on an offset, so a probe has a finite slope.
     */
    static Trial unitData(String description, long seed, int n, double shift, double offset, double scale) {
        Random r = new Random(seed);
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : r.nextInt(2);
            x[i] = (float) (offset + scale * (r.nextGaussian() + shift * y[i]));
        }
        return new Trial(description, x, y);
    }

    static List<Trial> unitDataSets() {
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("10 activations by hand",
                new float[] {0.1f, -0.4f, 0.8f, 1.2f, -1.0f, 0.3f, 0.9f, -0.2f, 0.5f, -0.7f},
                new int[] {0, 0, 1, 1, 0, 1, 0, 0, 1, 1}));
        out.add(unitData("40 activations, weak unit", 11, 40, 0.3, 0, 1));
        out.add(unitData("200 activations, strong unit", 12, 200, 1.5, 0, 1));
        out.add(unitData("120 activations far from zero (offset 8)", 13, 120, 1.0, 8, 0.5));
        out.add(unitData("150 activations of a unit that fires lower for class 1", 14, 150, -1.2, 0.5, 2));
        return out;
    }

    static UnitProbeResult fitOne(float[] x, int[] y, int maxIter) {
        float[][] rows = new float[x.length][1];
        for (int i = 0; i < x.length; i++) rows[i][0] = x[i];
        return UnitProbes.fit(rows, y, new UnitProbes.Options(maxIter, 1e-8, 1e-10, false));
    }

    /**
     * 01.newton-step: one step of Newton's method for {@code P(y=1) = σ(intercept + beta·x)}. Each trial
     * starts where the library's own iteration stands after k−1 steps (k = 1: at zero), and the
     * reference is the library after k steps; pure float64 arithmetic on given inputs, so the
     * tolerance only covers the library's 1e-10 ridge and summation order.
     */
    static final class NewtonStepExercise extends FunctionExercise<NewtonStep> {

        NewtonStepExercise() {
            super("01.newton-step", "newtonStep", NewtonStep.class,
                    "(activations, labels, intercept, beta) -> new double[] {intercept, beta} after one step",
                    "with p = sigmoid(intercept + beta*x) for every sample, the gradient of the log-likelihood is "
                            + "X^T (y - p) and the Hessian of its negative is X^T W X with weights w = p(1-p), where X has "
                            + "a column of ones (the intercept) and a column of activations. The step ADDS the solution "
                            + "of the 2x2 system (X^T W X) step = X^T (y - p) to both parameters.",
                    new Tolerance(1e-8, 1e-6));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            List<Trial> out = new ArrayList<>();
            int[][] stepsFor = {{1, 2}, {1, 3}, {1, 2, 4}, {1, 3}, {2, 5}};
            List<Trial> data = unitDataSets();
            for (int d = 0; d < data.size(); d++) {
                float[] x = (float[]) data.get(d).args()[0];
                int[] y = (int[]) data.get(d).args()[1];
                for (int k : stepsFor[d]) {
                    double a = 0, b = 0;
                    if (k > 1) {
                        UnitProbeResult start = fitOne(x, y, k - 1);
                        a = start.intercept()[0];
                        b = start.beta()[0];
                    }
                    String where = k == 1 ? "from intercept = beta = 0" : "from the parameters after " + (k - 1) + " steps";
                    out.add(new Trial(data.get(d).description() + ", " + where, x, y, a, b, k));
                }
            }
            return out;
        }

        @Override
        protected Object apply(NewtonStep f, Trial t, ExerciseContext context) {
            return f.step(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone(),
                    (double) t.args()[2], (double) t.args()[3]);
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            UnitProbeResult r = fitOne((float[]) t.args()[0], (int[]) t.args()[1], (int) t.args()[4]);
            return new double[] {r.intercept()[0], r.beta()[0]};
        }

        /** Names the parameter that is off (intercept or slope), never its value. */
        @Override
        protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
            if (!got.isArray() || got.size() != 2) {
                String p = super.compare(got, want, trial, context);
                return p == null ? null : p + " (return new double[] {intercept, beta})";
            }
            String[] names = {"the new intercept", "the new beta"};
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String p = super.compare(got.get(i), want.get(i), trial, context);
                if (p != null) parts.add(p.replaceFirst("^the result", names[i]));
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
    }

    /**
     * 01.wald-z: the slope's Wald statistic z = beta / SE(beta) at the fitted parameters, SE from the
     * inverse of the Hessian X^T W X. The inputs are the library's fit; the reference is its z.
     */
    static final class WaldZ extends FunctionExercise<WaldStatistic> {

        WaldZ() {
            super("01.wald-z", "waldZ", WaldStatistic.class,
                    "(activations, labels, intercept, beta) -> z of the slope",
                    "the covariance of the two fitted parameters is the inverse of the 2x2 matrix X^T W X (weights "
                            + "w = p(1-p) at the fitted parameters, X = [1, x]); the slope's variance is the diagonal entry "
                            + "of that inverse that belongs to the slope, and z = beta / sqrt(variance).",
                    new Tolerance(1e-9, 1e-6));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            List<Trial> out = new ArrayList<>();
            for (Trial d : unitDataSets()) {
                UnitProbeResult fit = fitOne((float[]) d.args()[0], (int[]) d.args()[1], 3000);
                out.add(new Trial(d.description() + ", at its fitted parameters", d.args()[0], d.args()[1],
                        fit.intercept()[0], fit.beta()[0]));
            }
            return out;
        }

        @Override
        protected Object apply(WaldStatistic f, Trial t, ExerciseContext context) {
            return f.z(((float[]) t.args()[0]).clone(), ((int[]) t.args()[1]).clone(),
                    (double) t.args()[2], (double) t.args()[3]);
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return fitOne((float[]) t.args()[0], (int[]) t.args()[1], 3000).z()[0];
        }
    }

    // ---- 01.tuned-percent -------------------------------------------------------------------------

    /**
     * 01.tuned-percent: for each layer (row: all its Q, K and V units), the percent of units with
     * {@code p < 0.05 / units of the row} and {@code beta > 0}; the reference is
     * {@link UnitProbes#bonferroniMask} row by row. Exact counts over given inputs.
     */
    static final class TunedPercent extends FunctionExercise<BiFunction<double[][], double[][], double[]>> {

        TunedPercent() {
            super("01.tuned-percent", "tunedPercent",
                    generic(BiFunction.class),
                    "(pvalues[layer][unit], betas[layer][unit]) -> percent tuned per layer",
                    "a unit is tuned when its p-value is below 0.05 divided by the number of units in ITS row (all Q, K "
                            + "and V units of one layer) and its beta is positive; a NaN p-value never passes. Return a "
                            + "percentage (0-100) per row.",
                    Tolerance.abs(1e-9));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            List<Trial> out = new ArrayList<>();
            double t4 = 0.05 / 4;
            out.add(new Trial("2 layers of 4 units by hand (NaN, negative beta, p just either side of the threshold)",
                    new double[][] {{1e-9, Double.NaN, t4 * 0.999, 1e-12}, {t4 * 1.001, 1e-20, 0.3, 1e-5}},
                    new double[][] {{2.0, Double.POSITIVE_INFINITY, 0.4, -3.0}, {1.0, 0.7, 5.0, 0.0}}));
            out.add(randomProbe("6 layers of 192 units", 21, 6, 192));
            out.add(randomProbe("4 layers of 576 units", 22, 4, 576));
            out.add(randomProbe("30 layers of 64 units", 23, 30, 64));
            out.add(randomProbe("3 layers of 960 units (576 Q + 192 K + 192 V)", 24, 3, 960));
            return out;
        }

        /**
         * p-values spread log-uniformly from 1e-14 to 1 (so many fall between 0.05/(layers·units) and
         * 0.05/units), betas of either sign, a few separated units (NaN p, infinite beta), and rows
         * with no and with every unit tuned.
         */
        private static Trial randomProbe(String description, long seed, int layers, int units) {
            Random r = new Random(seed);
            double[][] p = new double[layers][units];
            double[][] b = new double[layers][units];
            for (int l = 0; l < layers; l++) {
                double spread = 14.0 * (l + 1) / layers;   // later rows reach smaller p-values
                for (int u = 0; u < units; u++) {
                    p[l][u] = Math.pow(10, -spread * r.nextDouble());
                    b[l][u] = r.nextGaussian();
                    if (r.nextInt(40) == 0) {
                        p[l][u] = Double.NaN;
                        b[l][u] = r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    }
                }
            }
            Arrays.fill(p[0], 0.5);                        // nothing tuned
            Arrays.fill(p[layers - 1], 1e-30);             // every unit with beta > 0 tuned
            Arrays.fill(b[layers - 1], 1.0);
            return new Trial(description, p, b);
        }

        @Override
        protected Object apply(BiFunction<double[][], double[][], double[]> f, Trial t, ExerciseContext context) {
            return f.apply(deepCopy((double[][]) t.args()[0]), deepCopy((double[][]) t.args()[1]));
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            double[][] p = (double[][]) t.args()[0];
            double[][] b = (double[][]) t.args()[1];
            double[] percent = new double[p.length];
            for (int l = 0; l < p.length; l++) {
                boolean[] mask = UnitProbes.bonferroniMask(p[l], b[l]);
                int n = 0;
                for (boolean m : mask) if (m) n++;
                percent[l] = 100.0 * n / mask.length;
            }
            return percent;
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
            return c;
        }
    }
}

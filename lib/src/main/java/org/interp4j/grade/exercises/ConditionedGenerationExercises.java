package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.LinearAct;
import org.interp4j.steer.MeanDifference;
import org.interp4j.steer.Perplexity;
import org.interp4j.steer.TransportMap;

/** Implement-it exercises of lecture 03 (conditioned generation). */
public final class ConditionedGenerationExercises {

    private ConditionedGenerationExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new FitUnit(), new SupportRule(), new MeanDifferenceVector(), new ContinuationPerplexity());
    }

    /** One unit's Linear-AcT transport at strength λ, applied to each of its values. */
    @FunctionalInterface
    public interface UnitTransport {
        /**
         * @param x the unit's values (one per token)
         * @param alphaBeta {α, β} of the unit's affine map
         * @param loHi {lo, hi}: the unit's support
         * @param lambda the strength λ in [0, 1]
         * @return the values after transport
         */
        float[] apply(float[] x, float[] alphaBeta, float[] loHi, double lambda);
    }

    /** The perplexity of a continuation (token ids) after a prompt (token ids) under a model. */
    @FunctionalInterface
    public interface ContinuationScore {
        double perplexity(LanguageModel model, long[] prompt, long[] continuation);
    }

    // ---------------------------------------------------------------------------------------------

    /** 03.fit-unit: α, β of one unit from its source and target samples (sorted-quantile least squares). */
    static final class FitUnit extends FunctionExercise<BiFunction<float[], float[], double[]>> {

        FitUnit() {
            // Arithmetic on given inputs: a correct least-squares fit agrees with the library to rounding.
            super("03.fit-unit", "fitUnit", generic(BiFunction.class),
                    "(source, target) -> new double[] {alpha, beta}",
                    "one-dimensional optimal transport pairs the i-th smallest source value with the i-th smallest "
                            + "target value; fit target ≈ α·source + β over those pairs by ordinary least squares "
                            + "(slope = covariance / variance of the sorted source)",
                    new Tolerance(1e-6, 1e-6));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(2024);
            List<Trial> out = new ArrayList<>();
            // target = 2·source + 1, shuffled: only sorting both recovers α = 2, β = 1
            float[] s = gaussian(r, 12, 0, 1);
            float[] t = new float[s.length];
            for (int i = 0; i < s.length; i++) t[i] = 2 * s[i] + 1;
            shuffle(t, r);
            out.add(new Trial("12 values, target an exact affine image of the source in shuffled order", s, t));
            out.add(new Trial("5 hand-written values", new float[] {0.3f, -1f, 2f, 0f, 0.5f},
                    new float[] {1f, 4f, 0.5f, 2f, 3f}));
            out.add(new Trial("40 random values, target wider and shifted", gaussian(r, 40, 0, 1), gaussian(r, 40, 1.5, 3)));
            out.add(new Trial("64 random values, target narrower", gaussian(r, 64, 2, 2), gaussian(r, 64, -0.5, 0.5)));
            return out;
        }

        @Override
        protected Object apply(BiFunction<float[], float[], double[]> f, Trial t, ExerciseContext context) {
            return f.apply(((float[]) t.args()[0]).clone(), ((float[]) t.args()[1]).clone());
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return LinearAct.fitUnit((float[]) t.args()[0], (float[]) t.args()[1]);
        }
    }

    /** 03.support-rule: the transport of one unit, only inside its support, blended by λ. */
    static final class SupportRule extends FunctionExercise<UnitTransport> {

        SupportRule() {
            // Float arithmetic on given inputs; the library computes in double then rounds to float.
            super("03.support-rule", "transportUnit", UnitTransport.class,
                    "(x, alphaBeta, loHi, lambda) -> transported values",
                    "a value is moved only when it lies strictly between lo and hi; a moved value is the blend "
                            + "(1 − λ)·x + λ·(α·x + β), so λ = 0 changes nothing and λ = 1 applies the full map; "
                            + "values on or outside the bounds stay as they are",
                    new Tolerance(1e-5, 1e-5));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(13);
            List<Trial> out = new ArrayList<>();
            float[] edges = {-2f, -1f, -0.5f, 0f, 0.75f, 1f, 3f};
            out.add(new Trial("values inside, outside and exactly on the bounds, at full strength", edges,
                    new float[] {2f, 0.5f}, new float[] {-1f, 1f}, 1.0));
            out.add(new Trial("the same values at half strength", edges, new float[] {2f, 0.5f}, new float[] {-1f, 1f}, 0.5));
            out.add(new Trial("strength zero", edges, new float[] {-3f, 2f}, new float[] {-5f, 5f}, 0.0));
            out.add(new Trial("30 random values, a shrinking map, a low strength", gaussian(r, 30, 0, 2),
                    new float[] {0.4f, -0.2f}, new float[] {-1.5f, 2.5f}, 0.3));
            out.add(new Trial("30 random values, an unbounded support, a high strength", gaussian(r, 30, 1, 1),
                    new float[] {1.3f, 0.7f}, new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, 0.8));
            return out;
        }

        @Override
        protected Object apply(UnitTransport f, Trial t, ExerciseContext context) {
            return f.apply(((float[]) t.args()[0]).clone(), ((float[]) t.args()[1]).clone(),
                    ((float[]) t.args()[2]).clone(), (double) t.args()[3]);
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            float[] x = (float[]) t.args()[0], ab = (float[]) t.args()[1], lh = (float[]) t.args()[2];
            TransportMap one = new TransportMap(UnitLayout.of(List.of("unit"), new int[] {1}),
                    new float[] {ab[0]}, new float[] {ab[1]}, new float[] {lh[0]}, new float[] {lh[1]});
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) out[i] = (float) one.apply(0, x[i], (double) t.args()[3]);
            return out;
        }
    }

    /**
     * 03.mean-difference: the steering vector μ_concept − μ_other from per-token activations of
     * sentences of different lengths, each sentence first averaged over its own tokens.
     */
    static final class MeanDifferenceVector extends FunctionExercise<BiFunction<float[][][], float[][][], float[]>> {

        MeanDifferenceVector() {
            // Sums of a few hundred floats: agreement to rounding.
            super("03.mean-difference", "meanDifference",
                    generic(BiFunction.class),
                    "(concept, other) -> v, each argument [sentence][token][feature]",
                    "first average each sentence over its own tokens (sentences have different lengths), then average "
                            + "those sentence vectors over the sentences of a set; the vector is the concept set's "
                            + "mean minus the other set's mean",
                    new Tolerance(1e-5, 1e-5));
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            Random r = new Random(7);
            List<Trial> out = new ArrayList<>();
            out.add(new Trial("one sentence per set, 2 features",
                    new float[][][] {{{1f, 2f}, {3f, 0f}}}, new float[][][] {{{0f, 1f}, {0f, 1f}, {3f, 1f}}}));
            out.add(new Trial("3 and 4 sentences of 1 to 9 tokens, 6 features", sentences(r, 3, 6, 1, 9, 1.0),
                    sentences(r, 4, 6, 1, 9, 0.0)));
            out.add(new Trial("8 sentences each, 2 to 20 tokens, 16 features", sentences(r, 8, 16, 2, 20, 0.5),
                    sentences(r, 8, 16, 2, 20, -0.5)));
            return out;
        }

        @Override
        protected Object apply(BiFunction<float[][][], float[][][], float[]> f, Trial t, ExerciseContext context) {
            return f.apply(deepCopy((float[][][]) t.args()[0]), deepCopy((float[][][]) t.args()[1]));
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            // The library's path: token-mean pooling (ResponsesRecorder.pool), then MeanDifference.of
            return MeanDifference.of(pooled((float[][][]) t.args()[0]), pooled((float[][][]) t.args()[1])).vector();
        }

        private static ResponsesMatrix pooled(float[][][] sentences) {
            int n = sentences.length, len = 0, d = sentences[0][0].length;
            for (float[][] s : sentences) len = Math.max(len, s.length);
            float[] padded = new float[n * len * d];
            int[][] mask = new int[n][len];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < sentences[i].length; t++) {
                    mask[i][t] = 1;
                    System.arraycopy(sentences[i][t], 0, padded, (i * len + t) * d, d);
                }
            }
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(padded, new Shape(n, len, d));
                float[][] rows = ResponsesRecorder.pool(x, mask, ResponsesPooling.MEAN);
                return ResponsesMatrix.of(rows, UnitLayout.of(List.of("point"), new int[] {d}), "mean");
            }
        }

        private static float[][][] sentences(Random r, int n, int d, int minLen, int maxLen, double shift) {
            float[][][] out = new float[n][][];
            for (int i = 0; i < n; i++) {
                int len = minLen + r.nextInt(maxLen - minLen + 1);
                out[i] = new float[len][d];
                for (int t = 0; t < len; t++) {
                    for (int j = 0; j < d; j++) out[i][t][j] = (float) (r.nextGaussian() + shift * (j % 3));
                }
            }
            return out;
        }

        private static float[][][] deepCopy(float[][][] x) {
            float[][][] c = new float[x.length][][];
            for (int i = 0; i < x.length; i++) {
                c[i] = new float[x[i].length][];
                for (int t = 0; t < x[i].length; t++) c[i][t] = x[i][t].clone();
            }
            return c;
        }
    }

    /** 03.perplexity: exp(mean NLL of the continuation's tokens given the prompt and earlier tokens). */
    static final class ContinuationPerplexity extends FunctionExercise<ContinuationScore> {

        ContinuationPerplexity() {
            // The student's forward pass runs in the submission's JVM, the library's in the grader's:
            // logits move in the 5th-6th digit across threads (tests/tolerances); 1e-3 relative on a
            // perplexity is far above that and far below any indexing mistake (one token shifted).
            super("03.perplexity", "perplexity", ContinuationScore.class,
                    "(model, prompt, continuation) -> perplexity",
                    "run the model once on prompt followed by continuation; the logits at position t predict token t+1, "
                            + "so the continuation's first token is predicted at the prompt's last position; take "
                            + "log-softmax over the vocabulary, average minus the log-probabilities of the continuation's "
                            + "tokens and exponentiate",
                    new Tolerance(0, 1e-3));
        }

        @Override
        public List<String> context() {
            return NEEDS_MODEL;
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            LanguageModel model = context.model();
            List<Trial> out = new ArrayList<>();
            String[][] pairs = {
                {"The best thing about", " the football match on Saturday."},
                {"Once upon a time", " there was a little girl who loved to bake bread."},
                {"I was thinking about", " purple elephant quietly the of."},
                {"Yesterday, my friend told me", " that"},
            };
            for (String[] p : pairs) {
                out.add(new Trial("\"" + p[0] + "\" continued by a " + (p[1].split(" ").length - 1) + "-word text",
                        model.tokenize(p[0]), model.tokenizer().encode(p[1], false)));
            }
            return out;
        }

        @Override
        protected Object apply(ContinuationScore f, Trial t, ExerciseContext context) {
            return f.perplexity(context.model(), ((long[]) t.args()[0]).clone(), ((long[]) t.args()[1]).clone());
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return Perplexity.score(context.model(), new long[][] {(long[]) t.args()[0]},
                    new long[][] {(long[]) t.args()[1]}, 1)[0].perplexity();
        }
    }

    // ---------------------------------------------------------------------------------------------

    static float[] gaussian(Random r, int n, double mean, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (mean + sd * r.nextGaussian());
        return x;
    }

    static void shuffle(float[] x, Random r) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    static String show(float[] x) {
        return Arrays.toString(x);
    }
}

package org.interp4j.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.interp4j.grade.Check;
import org.interp4j.grade.Verdict;
import org.interp4j.grade.exercises.ConditionedGenerationExercises.ContinuationScore;
import org.interp4j.grade.exercises.ConditionedGenerationExercises.UnitTransport;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lecture 03's implement-it exercises: the solution notebook's approach passes, and typical mistakes
 * fail with a message that says what kind of wrong and never gives the expected value.
 */
class ConditionedGenerationExercisesTest {

    private static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.load("smollm2-135m");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    // ---- 03.fit-unit

    static double[] fit(float[] source, float[] target, boolean sort) {
        double[] s = new double[source.length], t = new double[target.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = source[i];
            t[i] = target[i];
        }
        if (sort) {
            Arrays.sort(s);
            Arrays.sort(t);
        }
        double ms = Arrays.stream(s).average().orElse(0), mt = Arrays.stream(t).average().orElse(0);
        double cov = 0, var = 0;
        for (int i = 0; i < s.length; i++) {
            cov += (s[i] - ms) * (t[i] - mt);
            var += (s[i] - ms) * (s[i] - ms);
        }
        double alpha = cov / var;
        return new double[] {alpha, mt - alpha * ms};
    }

    @Test
    void fitUnit() {
        Verdicts.passes("03.fit-unit", (BiFunction<float[], float[], double[]>) (s, t) -> fit(s, t, true));
        // pairs by index, not by quantile: a regression of target on source, not transport
        Verdicts.differs("03.fit-unit", (BiFunction<float[], float[], double[]>) (s, t) -> fit(s, t, false));
        // matching only the means: a shift, no scale
        Verdicts.differs("03.fit-unit", (BiFunction<float[], float[], double[]>) (s, t) -> {
            double[] ab = fit(s, t, true);
            double ms = 0, mt = 0;
            for (int i = 0; i < s.length; i++) {
                ms += s[i] / s.length;
                mt += t[i] / t.length;
            }
            return new double[] {1, mt - ms};
        });
        // β from the intercept of the wrong direction (source on target)
        Verdicts.differs("03.fit-unit", (BiFunction<float[], float[], double[]>) (s, t) -> fit(t, s, true));
    }

    // ---- 03.support-rule

    static float[] transport(float[] x, float[] ab, float[] lh, double lambda, boolean inclusive, boolean swapBlend) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean inside = inclusive ? lh[0] <= x[i] && x[i] <= lh[1] : lh[0] < x[i] && x[i] < lh[1];
            double mapped = ab[0] * x[i] + ab[1];
            out[i] = !inside ? x[i] : (float) (swapBlend ? lambda * x[i] + (1 - lambda) * mapped
                    : (1 - lambda) * x[i] + lambda * mapped);
        }
        return out;
    }

    @Test
    void supportRule() {
        Verdicts.passes("03.support-rule", (UnitTransport) (x, ab, lh, l) -> transport(x, ab, lh, l, false, false));
        Verdicts.differs("03.support-rule", (UnitTransport) (x, ab, lh, l) -> transport(x, ab, lh, l, true, false));
        Verdicts.differs("03.support-rule", (UnitTransport) (x, ab, lh, l) -> transport(x, ab, lh, l, false, true));
        // transport everywhere (no support)
        Verdicts.differs("03.support-rule", (UnitTransport) (x, ab, lh, l) -> transport(x, ab,
                new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, l, false, false));
        Verdicts.differs("03.support-rule", (UnitTransport) (x, ab, lh, l) -> x);
    }

    // ---- 03.mean-difference

    static float[] meanDifference(float[][][] concept, float[][][] other, boolean perSentence) {
        float[] a = mean(concept, perSentence), b = mean(other, perSentence);
        float[] v = new float[a.length];
        for (int j = 0; j < v.length; j++) v[j] = a[j] - b[j];
        return v;
    }

    static float[] mean(float[][][] sentences, boolean perSentence) {
        int d = sentences[0][0].length;
        double[] sum = new double[d];
        int count = 0;
        for (float[][] s : sentences) {
            for (float[] token : s) {
                for (int j = 0; j < d; j++) sum[j] += perSentence ? token[j] / s.length : token[j];
                if (!perSentence) count++;
            }
        }
        float[] m = new float[d];
        for (int j = 0; j < d; j++) m[j] = (float) (sum[j] / (perSentence ? sentences.length : count));
        return m;
    }

    @Test
    void meanDifference() {
        Verdicts.passes("03.mean-difference", (BiFunction<float[][][], float[][][], float[]>) (c, o) -> meanDifference(c, o, true));
        // every token weighted equally: long sentences count more
        Verdicts.differs("03.mean-difference", (BiFunction<float[][][], float[][][], float[]>) (c, o) -> meanDifference(c, o, false));
        // the wrong way round
        Verdicts.differs("03.mean-difference", (BiFunction<float[][][], float[][][], float[]>) (c, o) -> meanDifference(o, c, true));
    }

    // ---- 03.perplexity

    static double perplexity(LanguageModel m, long[] prompt, long[] continuation, int shift) {
        long[] row = Arrays.copyOf(prompt, prompt.length + continuation.length);
        System.arraycopy(continuation, 0, row, prompt.length, continuation.length);
        try (ModelOutput out = m.run(row)) {
            NDArray logp = out.logits().get(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).logSoftmax(1);
            double nll = 0;
            for (int i = 0; i < continuation.length; i++) {
                int t = prompt.length - 1 + i + shift;
                nll -= logp.getFloat(t, continuation[i]);
            }
            return Math.exp(nll / continuation.length);
        }
    }

    @Test
    void continuationPerplexity() {
        Verdicts.passes("03.perplexity", (ContinuationScore) (m, p, c) -> perplexity(m, p, c, 0), model);
        // logits of position t read as the prediction of token t (off by one)
        Verdicts.differs("03.perplexity", (ContinuationScore) (m, p, c) -> perplexity(m, p, c, 1), model);
        // mean NLL without the exponential
        Verdicts.differs("03.perplexity", (ContinuationScore) (m, p, c) -> Math.log(perplexity(m, p, c, 0)), model);
    }
}

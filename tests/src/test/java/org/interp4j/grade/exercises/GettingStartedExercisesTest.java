package org.interp4j.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleBiFunction;
import org.interp4j.grade.Check;
import org.interp4j.grade.Verdict;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.Hooked;
import org.interp4j.hooks.Interventions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lecture 00's implement-it exercises: the solution's approach passes, plausible mistakes fail and say why. */
class GettingStartedExercisesTest {

    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.load("smollm2-135m");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Fails, and its message names {@code words} and contains no number with 3+ decimals (an expected value). */
    private static void failsSaying(String id, Object f, String words, Object... context) {
        Verdict v = Check.verdict(id, f, context);
        assertFalse(v.passed(), id + " should fail: " + v.message());
        assertTrue(v.message().contains(words), id + ": \"" + words + "\" not in: " + v.message());
        assertFalse(v.message().matches("(?s).*\\d\\.\\d{3,}.*"), "no expected number in: " + v.message());
    }

    // ---- 00.softmax ---------------------------------------------------------------------------

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double z = 0;
        for (float l : logits) z += Math.exp(l - max);
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) p[i] = Math.exp(logits[i] - max) / z;
        return p;
    }

    @Test
    void softmax() {
        Verdicts.passes("00.softmax", (Function<float[], double[]>) GettingStartedExercisesTest::softmax);
        // Without subtracting the maximum, exp(1000) overflows: Infinity/Infinity is NaN.
        Function<float[], double[]> naive = l -> {
            double z = 0;
            for (float x : l) z += Math.exp(x);
            double[] p = new double[l.length];
            for (int i = 0; i < p.length; i++) p[i] = Math.exp(l[i]) / z;
            return p;
        };
        failsSaying("00.softmax", naive, "NaN");
        failsSaying("00.softmax", naive, "subtract the row's largest logit");
        // exp without normalising: probabilities that do not sum to 1.
        Function<float[], double[]> unnormalised = l -> {
            double max = Double.NEGATIVE_INFINITY;
            for (float x : l) max = Math.max(max, x);
            double[] p = new double[l.length];
            for (int i = 0; i < p.length; i++) p[i] = Math.exp(l[i] - max);
            return p;
        };
        failsSaying("00.softmax", unnormalised, "too large");
        // The logits themselves, or a uniform distribution, are not probabilities.
        failsSaying("00.softmax", (Function<float[], double[]>) l -> new double[l.length], "is 0");
        failsSaying("00.softmax", (Function<float[], double[]>) l -> {
            double[] p = new double[l.length];
            Arrays.fill(p, 1.0 / l.length);
            return p;
        }, "differ");
        failsSaying("00.softmax", (Function<float[], double[]>) l -> new double[1], "shape");
    }

    // ---- 00.greedy ----------------------------------------------------------------------------

    static long[] greedy(String prompt, int n) {
        long[] ids = model.tokenize(prompt);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            try (ModelOutput o = model.run(ids)) {
                float[] l = o.logitsAt(0, -1);
                int best = 0;
                for (int k = 1; k < l.length; k++) if (l[k] > l[best]) best = k;
                out[i] = best;
            }
            ids = Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = out[i];
        }
        return out;
    }

    @Test
    void greedy() {
        Verdicts.passes("00.greedy", (BiFunction<String, Integer, long[]>) GettingStartedExercisesTest::greedy, model);
        // The argmax of the FIRST position each time: a plausible slip with logitsAt(0, 0).
        BiFunction<String, Integer, long[]> firstPosition = (prompt, n) -> {
            long[] ids = model.tokenize(prompt);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                try (ModelOutput o = model.run(ids)) {
                    float[] l = o.logitsAt(0, 0);
                    int best = 0;
                    for (int k = 1; k < l.length; k++) if (l[k] > l[best]) best = k;
                    out[i] = best;
                }
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = out[i];
            }
            return out;
        };
        failsSaying("00.greedy", firstPosition, "not the most likely token", model);
        // Forgetting to append: the same token n times (right first token, then wrong).
        BiFunction<String, Integer, long[]> noAppend = (prompt, n) -> {
            long[] ids = model.tokenize(prompt);
            long[] out = new long[n];
            try (ModelOutput o = model.run(ids)) {
                Arrays.fill(out, o.nextToken(0));
            }
            return out;
        };
        failsSaying("00.greedy", noAppend, "the first 1 are right", model);
        // Returning the prompt together with the new tokens.
        BiFunction<String, Integer, long[]> withPrompt = (prompt, n) -> {
            long[] ids = model.tokenize(prompt);
            long[] all = Arrays.copyOf(ids, ids.length + n);
            System.arraycopy(greedy(prompt, n), 0, all, ids.length, n);
            return all;
        };
        failsSaying("00.greedy", withPrompt, "shape", model);
        failsSaying("00.greedy", (BiFunction<String, Integer, long[]>) (p, n) -> new long[n], "not the most likely", model);
    }

    // ---- 00.zero-neuron -----------------------------------------------------------------------

    @Test
    void zeroNeuron() {
        Verdicts.passes("00.zero-neuron", (IntFunction<Hook>) u -> (act, ctx) -> {
            NDArray out = act.duplicate();
            out.set(new NDIndex("..., {}", u), 0f);
            return out;
        });
        Verdicts.passes("00.zero-neuron", (IntFunction<Hook>) Interventions::zero);
        // Only the last position zeroed.
        failsSaying("00.zero-neuron", (IntFunction<Hook>) u -> (act, ctx) -> {
            NDArray out = act.duplicate();
            out.set(new NDIndex(":, -1, {}", u), 0f);
            return out;
        }, "differ");
        // The wrong axis: position u instead of neuron u (out of range on the short trials).
        failsSaying("00.zero-neuron", (IntFunction<Hook>) u -> (act, ctx) -> {
            NDArray out = act.duplicate();
            out.set(new NDIndex(":, {}, :", Math.min(u, (int) act.getShape().get(1) - 1)), 0f);
            return out;
        }, "differ");
        // Everything zeroed but the neuron, and a hook that changes nothing.
        failsSaying("00.zero-neuron", (IntFunction<Hook>) u -> (act, ctx) -> act.zerosLike(), "is 0");
        failsSaying("00.zero-neuron", (IntFunction<Hook>) u -> (act, ctx) -> null, "differ");
        failsSaying("00.zero-neuron", (IntFunction<Hook>) u -> null, "throws");
    }

    // ---- 00.mlp-drop --------------------------------------------------------------------------

    static double drop(String prompt, int layer, boolean logits, boolean reversed) {
        int[] all = java.util.stream.IntStream.range(0, model.config().dModel()).toArray();
        try (ModelOutput clean = model.run(prompt);
             ModelOutput ablated = model.runWithHooks(prompt,
                     Hooked.at("blocks." + layer + ".hook_mlp_out", Interventions.zero(all)))) {
            long t = clean.nextToken(0);
            NDArray a = logits ? clean.logits() : clean.logProbs();
            NDArray b = logits ? ablated.logits() : ablated.logProbs();
            double d = a.get("0, -1, " + t).getFloat() - b.get("0, -1, " + t).getFloat();
            return reversed ? -d : d;
        }
    }

    @Test
    void mlpDrop() {
        Verdicts.passes("00.mlp-drop", (ToDoubleBiFunction<String, Integer>) (p, l) -> drop(p, l, false, false), model);
        failsSaying("00.mlp-drop", (ToDoubleBiFunction<String, Integer>) (p, l) -> drop(p, l, false, true),
                "wrong sign", model);
        failsSaying("00.mlp-drop", (ToDoubleBiFunction<String, Integer>) (p, l) -> drop(p, l, true, false),
                "log-softmax", model);
        failsSaying("00.mlp-drop", (ToDoubleBiFunction<String, Integer>) (p, l) -> 0, "is 0", model);
    }
    // ---- trivial answers score nothing ---------------------------------------------------------

    @Test
    void trivialAnswersFail() {
        int vocab = model.config().vocabSize();
        for (Object f : new Object[] {null, 0, 0.0, "", (Function<float[], double[]>) l -> null,
                (Function<float[], double[]>) l -> new double[0],
                (Function<float[], double[]>) l -> { double[] p = softmax(l); for (int i = 0; i < p.length; i++) p[i] = -p[i]; return p; }}) {
            assertFalse(Check.verdict("00.softmax", f).passed(), "00.softmax passed " + f);
        }
        for (Object f : new Object[] {null, (BiFunction<String, Integer, long[]>) (p, n) -> null,
                (BiFunction<String, Integer, long[]>) (p, n) -> new long[0],
                (BiFunction<String, Integer, long[]>) (p, n) -> { long[] x = new long[n]; Arrays.fill(x, vocab - 1); return x; }}) {
            assertFalse(Check.verdict("00.greedy", f, model).passed(), "00.greedy passed " + f);
        }
        for (Object f : new Object[] {null, (IntFunction<Hook>) u -> (a, c) -> a.onesLike(),
                (IntFunction<Hook>) u -> (a, c) -> a.neg()}) {
            assertFalse(Check.verdict("00.zero-neuron", f).passed(), "00.zero-neuron passed " + f);
        }
        for (Object f : new Object[] {null, 0.0, (ToDoubleBiFunction<String, Integer>) (p, l) -> 0.0,
                (ToDoubleBiFunction<String, Integer>) (p, l) -> 1.0}) {
            assertFalse(Check.verdict("00.mlp-drop", f, model).passed(), "00.mlp-drop passed " + f);
        }
    }
}

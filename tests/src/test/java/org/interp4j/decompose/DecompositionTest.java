package org.interp4j.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.util.Random;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parts of every architecture add up to the model's own final hidden state and logits, and
 * they carry real attributions: without biases nothing is left for the remainder, and a window
 * keeps exactly the parts of the full decomposition.
 */
class DecompositionTest {
    static final double TOL = 1e-4;

    static LanguageModel load(String name) throws IOException {
        return LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/" + name), name);
    }

    static long[][] randomIds(int rows, int length, long seed) {
        Random r = new Random(seed);
        long[][] ids = new long[rows][length];
        for (long[] row : ids) for (int i = 0; i < length; i++) row[i] = 3 + r.nextInt(990);
        return ids;
    }

    static double maxAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt2", "gpt-neox", "opt", "llama"})
    void partsSumToHiddenStateAndLogits(String arch) throws IOException {
        long[][] ids = randomIds(2, 24, 7);
        try (LanguageModel m = load(arch); ModelOutput out = m.run(ids);
             Decomposition d = Decomposer.decompose(m, ids, Decomposer.ALL)) {
            NDArray abs = d.absoluteParts();
            assertEquals(new ai.djl.ndarray.types.Shape(2, 24, 25, m.config().dModel()), abs.getShape());
            NDArray sum = abs.sum(new int[] {2});
            double hiddenErr = maxAbs(sum.toFloatArray(), out.lastHidden().toFloatArray());
            NDArray logits = sum.matMul(m.parameter(unembeddingName(arch)).transpose());
            double logitErr = maxAbs(logits.toFloatArray(), out.logits().toFloatArray());
            System.out.printf("%s: max |Σ parts − hidden| = %.2e, max |logits(Σ parts) − logits| = %.2e%n",
                    arch, hiddenErr, logitErr);
            assertTrue(hiddenErr < TOL, arch + " hidden error " + hiddenErr);
            assertTrue(logitErr < TOL, arch + " logit error " + logitErr);
            // causality: a source after the target has no part
            float[] later = abs.get(0, 3, 10).toFloatArray();
            assertEquals(0.0, maxAbs(later, new float[later.length]));
            // attention moves information: earlier sources have real parts at later targets
            float[] earlier = d.part(1, 20, 5);
            assertTrue(maxAbs(earlier, new float[earlier.length]) > 1e-3, "source 5 contributes to target 20");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama"})
    void withoutBiasesTheRemainderIsEmpty(String arch) throws IOException {
        long[][] ids = randomIds(1, 16, 11);
        try (LanguageModel m = load(arch); Decomposition d = Decomposer.decompose(m, ids, Decomposer.ALL)) {
            for (int t = 0; t < 16; t++) {
                float[] rem = d.remainder(0, t);
                assertTrue(maxAbs(rem, new float[rem.length]) < 1e-6, "remainder of target " + t);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt2", "gpt-neox", "opt", "llama"})
    void windowKeepsExactPartsAndFoldsTheRestIntoTheRemainder(String arch) throws IOException {
        long[][] ids = randomIds(2, 40, 3);
        int length = 6;
        try (LanguageModel m = load(arch); Decomposition full = Decomposer.decompose(m, ids, Decomposer.ALL);
             Decomposition win = Decomposer.decompose(m, ids, length)) {
            assertEquals(length, win.window());
            assertEquals(new ai.djl.ndarray.types.Shape(2, 40, length + 1, m.config().dModel()), win.parts().getShape());
            assertTrue(win.maxAbsError() < TOL, "windowed sum error " + win.maxAbsError());
            for (int row = 0; row < 2; row++) {
                for (int t : new int[] {0, 4, 5, 6, 17, 39}) {
                    float[] older = full.remainder(row, t);
                    for (int s = 0; s <= t; s++) {
                        float[] want = full.part(row, t, s);
                        if (s > t - length) {
                            double e = maxAbs(win.part(row, t, s), want);
                            assertTrue(e < TOL, "part of source " + s + " at " + t + " differs by " + e);
                        } else {
                            for (int i = 0; i < older.length; i++) older[i] += want[i];
                        }
                    }
                    double e = maxAbs(win.remainder(row, t), older);
                    assertTrue(e < TOL, "remainder at " + t + " differs by " + e);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -3})
    void nonPositiveLengthIsRefused(int length) throws IOException {
        try (LanguageModel m = load("opt")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Decomposer.decompose(m, randomIds(1, 5, 1), length));
            assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt2"})
    void inputLongerThanTheContextWindowIsRefused(String arch) throws IOException {
        try (LanguageModel m = load(arch)) {
            int n = m.config().maxPositions() + 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Decomposer.decompose(m, randomIds(1, n, 1), Decomposer.ALL));
            assertTrue(e.getMessage().contains("context window"), e.getMessage());
        }
    }

    static String unembeddingName(String arch) {
        return switch (arch) {
            case "gpt2" -> "wte.weight";
            case "gpt-neox" -> "embed_out.weight";
            case "opt" -> "decoder.embed_tokens.weight";
            default -> "embed_tokens.weight";
        };
    }
}

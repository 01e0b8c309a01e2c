package org.interp4j.decompose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default model (SmolLM2-135M, Llama family, GGUF) on a short sentence. */
class SmolLm2DecompositionTest {
    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.load("smollm2-135m");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void partsSumToHiddenStateAndLogits() {
        long[] ids = DeltaLp.ids(model, "The cat sat on the mat.");
        try (ModelOutput out = model.run(ids); Decomposition d = Decomposer.decompose(model, new long[][] {ids}, Decomposer.ALL)) {
            NDArray sum = d.absoluteParts().sum(new int[] {2});
            double hidden = DecompositionTest.maxAbs(sum.toFloatArray(), out.lastHidden().toFloatArray());
            NDArray logits = sum.matMul(model.parameter("embed_tokens.weight").transpose());
            double logit = DecompositionTest.maxAbs(logits.toFloatArray(), out.logits().toFloatArray());
            System.out.printf("smollm2-135m: max |Σ parts − hidden| = %.2e, max |logits(Σ parts) − logits| = %.2e%n", hidden, logit);
            assertTrue(hidden < 1e-4, "hidden error " + hidden);
            assertTrue(logit < 1e-4, "logit error " + logit);
        }
    }
}

package org.interp4j.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.interp4j.model.LanguageModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A decomposition frees what it makes: each unit of work (a stage of a block, a block of targets, a
 * ΔLP step) has its own sub-manager, so neither the model's manager (where views of its weights are
 * first made) nor the decomposition's own manager keeps an array after the work is done. A leak here
 * would not change a single number, so the parity tests cannot see it.
 */
class DecompositionArraysTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt2", "gpt-neox", "opt", "llama"})
    void decomposingAndDeltaLpLeaveNoArrayBehind(String arch) throws IOException {
        // 40 positions: more than one block of targets; length 6 also takes the path of a short window
        long[][] ids = DecompositionTest.randomIds(1, 40, 5);
        try (LanguageModel m = DecompositionTest.load(arch)) {
            NDManager weights = m.parameter(DecompositionTest.unembeddingName(arch)).getManager();
            Decomposer.decompose(m, ids, Decomposer.ALL).close(); // whatever a first run keeps for good (tables, caches)
            int before = weights.getManagedArrays().size();
            for (int length : new int[] {Decomposer.ALL, 6}) {
                try (Decomposition d = Decomposer.decompose(m, ids, length)) {
                    int own = d.manager().getManagedArrays().size();
                    DeltaLp.compute(d, 0);
                    assertEquals(own, d.manager().getManagedArrays().size(), "arrays ΔLP left with the decomposition");
                    d.absoluteParts();
                    assertEquals(own + 1, d.manager().getManagedArrays().size(),
                            "arrays absoluteParts left besides its result");
                }
            }
            assertEquals(before, weights.getManagedArrays().size(), "arrays left with the model");
        }
    }
}

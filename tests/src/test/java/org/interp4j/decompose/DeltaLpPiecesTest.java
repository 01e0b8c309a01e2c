package org.interp4j.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.interp4j.model.LanguageModel;
import org.junit.jupiter.api.Test;

/** The pieces of ΔLP that the lecture's exercises check against: one prediction from arrays, the argmax, means by distance. */
class DeltaLpPiecesTest {

    @Test
    void deltaOfOnePredictionFromArraysMatchesCompute() throws IOException {
        long[] ids = DecompositionTest.randomIds(1, 9, 11)[0];
        try (LanguageModel m = DecompositionTest.load("opt");
             Decomposition d = Decomposer.decompose(m, new long[][] {ids}, Decomposer.ALL)) {
            List<DeltaLpStep> steps = DeltaLp.compute(d, 0);
            int target = 5;
            DeltaLpStep step = steps.get(target);
            float[] hidden = d.hidden().get(0, target).toFloatArray();
            float[][] parts = new float[target + 1][];
            for (int s = 0; s <= target; s++) parts[s] = d.part(0, target, s);
            long[] shape = d.unembedding().getShape().getShape();
            float[] flat = d.unembedding().toFloatArray();
            float[][] u = new float[(int) shape[0]][(int) shape[1]];
            for (int v = 0; v < u.length; v++) System.arraycopy(flat, v * u[0].length, u[v], 0, u[0].length);
            float[] delta = DeltaLp.of(hidden, parts, u, ids[target + 1]);
            // the logits of the hidden state against the model's own logits: float rounding only
            assertArrayEquals(step.delta(), delta, 1e-3f);
        }
    }

    @Test
    void argmaxSkipsTheStartTokenAndReturnsAPosition() {
        assertEquals(3, DeltaLp.argmax(new int[] {0, 1, 2, 3}, new float[] {-9f, -2f, -1f, -4f}));
        assertEquals(11, DeltaLp.argmax(new int[] {10, 11, 12}, new float[] {-2f, -3f, -1f}));
        assertEquals(-1, DeltaLp.argmax(new int[] {0}, new float[] {-5f}));
        assertEquals(1, DeltaLp.argmax(new int[] {0, 1, 2}, new float[] {-5f, -2f, -2f}), "first of ties");
    }

    @Test
    void meanByDistanceLeavesOutTheStartToken() {
        // timestep 2 predicts token 2 from sources 0 and 1; timestep 3 from 0, 1, 2
        List<DeltaLpStep> steps = List.of(
                new DeltaLpStep(2, 7, -1f, new int[] {0, 1}, new float[2], new float[] {5f, 1f}, 1, 1),
                new DeltaLpStep(3, 8, -1f, new int[] {0, 1, 2}, new float[3], new float[] {5f, 2f, 3f}, 2, 1));
        double[] mean = DeltaLp.meanByDistance(steps, 3);
        assertEquals(2.0, mean[0], 1e-12); // (1 + 3) / 2
        assertEquals(2.0, mean[1], 1e-12); // source 1 at timestep 3
        assertTrue(Double.isNaN(mean[2]), "distance 3 only reaches the start token");
    }
}

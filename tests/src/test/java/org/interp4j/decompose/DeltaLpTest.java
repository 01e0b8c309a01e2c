package org.interp4j.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ΔLP against a hand computation, the text format of the original, and the article reader. */
class DeltaLpTest {

    @Test
    void deltaEqualsLogProbDifferenceComputedByHand() throws IOException {
        long[] ids = DecompositionTest.randomIds(1, 12, 5)[0];
        try (LanguageModel m = DecompositionTest.load("opt"); ModelOutput out = m.run(ids);
             Decomposition d = Decomposer.decompose(m, new long[][] {ids}, Decomposer.ALL)) {
            List<DeltaLpStep> steps = DeltaLp.compute(d, 0);
            assertEquals(11, steps.size());
            int target = 6, source = 2; // timestep 7 predicts ids[7] from the hidden state at 6
            DeltaLpStep step = steps.get(target);
            assertEquals(7, step.timestep());
            assertEquals(ids[7], step.predicted());
            float[] logits = out.logitsAt(0, target);
            float[] part = d.part(0, target, source);
            float[] u = m.parameter("decoder.embed_tokens.weight").toFloatArray();
            int dm = part.length, vocab = logits.length;
            double[] ablated = new double[vocab];
            for (int v = 0; v < vocab; v++) {
                double dot = 0;
                for (int i = 0; i < dm; i++) dot += (double) u[v * dm + i] * part[i];
                ablated[v] = logits[v] - dot;
            }
            double lp = log2Softmax(toDouble(logits), (int) ids[7]), lpWithout = log2Softmax(ablated, (int) ids[7]);
            assertEquals(lp, step.lp(), 1e-4);
            assertEquals(lpWithout, step.ablatedLp()[source], 1e-4);
            assertEquals(lp - lpWithout, step.delta()[source], 1e-4);
            assertEquals(0, step.sources()[0]);
            assertEquals(target, step.sources()[step.sources().length - 1]);
            // argmax: the non-start source whose removal gives the lowest log-probability
            int want = -1;
            float best = 0;
            for (int k = 1; k < step.sources().length; k++) {
                if (step.ablatedLp()[k] < best) { best = step.ablatedLp()[k]; want = k; }
            }
            assertEquals(want, step.argmax());
            assertEquals(7 - want, step.distance());
        }
    }

    @Test
    void windowLimitsTheSourcesThatAreReported() throws IOException {
        long[] ids = DecompositionTest.randomIds(1, 10, 9)[0];
        try (LanguageModel m = DecompositionTest.load("llama")) {
            List<DeltaLpStep> steps = DeltaLp.compute(m, ids, 3);
            assertEquals(1, steps.get(0).sources().length);
            assertEquals(3, steps.get(8).sources().length);
            assertEquals(6, steps.get(8).sources()[0]);
        }
    }

    @Test
    void textFormatMatchesTheOriginal() {
        long[] ids = {2, 1437, 47};
        List<DeltaLpStep> steps = List.of(
                new DeltaLpStep(1, 1437, -6.854281902313232f, new int[] {0}, new float[] {Float.NEGATIVE_INFINITY},
                        new float[] {Float.POSITIVE_INFINITY}, -1, 2),
                new DeltaLpStep(2, 47, -1.2170559167861938f, new int[] {0, 1},
                        new float[] {-1.3649682998657227f, -3.690932035446167f},
                        new float[] {0.1479123830795288f, 2.4738759994506836f}, 1, 1));
        String text = DeltaLpReport.format("my_corpus_opt-125m_0", ids, steps,
                id -> id == 2 ? "</s>" : id == 1437 ? "If" : "Ġyou");
        assertEquals("""
                my_corpus_opt-125m_0 Timestep 1/2
                LP(If | </s>) = -6.854281902313232
                -</s> = -inf;\tDelta LP: inf
                Timestep 1, argmax: -1, distance: 2

                my_corpus_opt-125m_0 Timestep 2/2
                LP(Ġyou | </s> If) = -1.2170559167861938
                -</s> = -1.3649682998657227;\tDelta LP: 0.1479123830795288
                -If = -3.690932035446167;\tDelta LP: 2.4738759994506836
                Timestep 2, argmax: 1, distance: 1
                Max distance: 2
                """, text);
    }

    @Test
    void numbersPrintAsPythonPrintsFloat32Values() {
        // expected strings from repr(float(numpy.float32(v))) in Python
        assertEquals("9.999999747378752e-06", PythonFloat.repr(1e-5f));
        assertEquals("-3.4999999343199306e-07", PythonFloat.repr(-3.5e-7f));
        assertEquals("123.0", PythonFloat.repr(123f));
        assertEquals("9.999999747378752e-05", PythonFloat.repr(1e-4f));
        assertEquals("1.0", PythonFloat.repr(1f));
        assertEquals("-0.0", PythonFloat.repr(-0f));
        assertEquals("1.0000000272564224e+16", PythonFloat.repr(1e16f));
        assertEquals("12345679.0", PythonFloat.repr(12345678.9f));
        assertEquals("3.4028234663852886e+38", PythonFloat.repr(Float.MAX_VALUE));
        assertEquals("1.1754943508222875e-38", PythonFloat.repr(Float.MIN_NORMAL));
        assertEquals("nan", PythonFloat.repr(Float.NaN));
    }

    @Test
    void articlesSplitAtMarkerLines(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "!ARTICLE\nOne line.\nTwo  \n!ARTICLE\nThree.\n");
        assertEquals(List.of("One line. Two", "Three."), Articles.read(f));
        Files.writeString(f, "!ARTICLE\nOne.\n!ARTICLE\n\n!ARTICLE\nThree.\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Articles.read(f));
        assertTrue(e.getMessage().contains("Article 2") && e.getMessage().contains("empty"), e.getMessage());
        Files.writeString(f, "No marker.\n");
        e = assertThrows(IllegalArgumentException.class, () -> Articles.read(f));
        assertTrue(e.getMessage().contains("!ARTICLE"), e.getMessage());
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    static double log2Softmax(double[] x, int index) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : x) max = Math.max(max, v);
        for (double v : x) sum += Math.exp(v - max);
        return (x[index] - max - Math.log(sum)) / Math.log(2);
    }
}

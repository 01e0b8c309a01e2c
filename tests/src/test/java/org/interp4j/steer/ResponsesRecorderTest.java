package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.expertise.Expertise;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pooled responses: real tokens only, right layout, and files Python can read. */
class ResponsesRecorderTest {
    static LanguageModel model;
    static final long[][] ROWS = {{5, 17, 300, 42, 9}, {7, 8}, {900, 1, 2, 3}};

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/gpt2"), "gpt2-tiny");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void poolsAHandExampleOverRealTokensOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two rows of three positions, two features; row 1's last position is padding (huge values)
            NDArray x = m.create(new float[] {1, -4, 5, -2, 2, -3, /* row 1 */ -6, -1, -8, 0, 100, 100}, new Shape(2, 3, 2));
            int[][] mask = {{1, 1, 1}, {1, 1, 0}};
            float[][] max = ResponsesRecorder.pool(x, mask, ResponsesPooling.MAX);
            assertArrayEquals(new float[] {5, -2}, max[0]);
            assertArrayEquals(new float[] {-6, 0}, max[1], "the padded 100s never win the max");
            float[][] mean = ResponsesRecorder.pool(x, mask, ResponsesPooling.MEAN);
            assertArrayEquals(new float[] {8 / 3f, -3f}, mean[0], 1e-6f);
            assertArrayEquals(new float[] {-7, -0.5f}, mean[1], 1e-6f);
            float[][] last = ResponsesRecorder.pool(x, mask, ResponsesPooling.LAST);
            assertArrayEquals(new float[] {2, -3}, last[0]);
            assertArrayEquals(new float[] {-8, 0}, last[1]);
        }
    }

    /** Max over the positions of one unpadded row, read from an ordinary cached run. */
    static float[] maxOverTokens(long[] row, String point) {
        try (ModelOutput o = model.runWithCache(new long[][] {row}, point)) {
            NDArray a = o.cache().get(point);
            int p = row.length, f = (int) (a.getShape().size() / p);
            float[] v = a.toFloatArray(), best = new float[f];
            java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
            for (int t = 0; t < p; t++) for (int u = 0; u < f; u++) best[u] = Math.max(best[u], v[t * f + u]);
            return best;
        }
    }

    @Test
    void batchedPaddedResponsesEqualOneSentenceAtATime() {
        ResponsesMatrix x = ResponsesRecorder.of(model, "blocks.*.mlp.hook_post", "blocks.0.attn.hook_z")
                .batchSize(2).record(ROWS);
        assertEquals(List.of("blocks.0.attn.hook_z", "blocks.0.mlp.hook_post", "blocks.1.mlp.hook_post"),
                x.layout().names(), "columns follow the forward order");
        assertEquals(64, x.layout().size(0), "per-head points are flattened");
        assertEquals(256, x.layout().size(1));
        assertEquals(3, x.samples());
        for (int s = 0; s < ROWS.length; s++) {
            for (String p : x.layout().names()) {
                float[] want = maxOverTokens(ROWS[s], p);
                float[] got = x.layer(p).rows()[s];
                assertArrayEquals(want, got, 1e-5f, "sentence " + s + " at " + p);
            }
        }
    }

    @Test
    void longSentencesAreCutToMaxTokens() {
        ResponsesMatrix cut = ResponsesRecorder.of(model, "blocks.1.hook_resid_post").pooling(ResponsesPooling.MEAN)
                .maxTokens(2).record(new long[][] {ROWS[0]});
        ResponsesMatrix first2 = ResponsesRecorder.of(model, "blocks.1.hook_resid_post").pooling(ResponsesPooling.MEAN)
                .record(new long[][] {{5, 17}});
        assertArrayEquals(first2.flat(), cut.flat(), 1e-6f);
        assertEquals("mean", cut.pooling());
    }

    @Test
    void roundTripsThroughNpyAndItsSidecar(@TempDir Path dir) throws IOException {
        ResponsesMatrix x = ResponsesRecorder.of(model, "blocks.*.mlp.hook_post").record(ROWS);
        Path f = dir.resolve("X.npy");
        x.save(f);
        Npy.Array raw = Npy.read(f);
        assertEquals("<f4", raw.dtype());
        assertArrayEquals(new long[] {3, 512}, raw.shape());
        assertTrue(Files.readString(dir.resolve("X.layout.json")).contains("blocks.1.mlp.hook_post"));
        ResponsesMatrix back = ResponsesMatrix.load(f);
        assertArrayEquals(x.flat(), back.flat());
        assertEquals(x.layout().names(), back.layout().names());
        assertEquals("max", back.pooling());
        ResponsesMatrix.saveLabels(dir.resolve("y.npy"), new int[] {1, 0, 1});
        assertArrayEquals(new int[] {1, 0, 1}, ResponsesMatrix.loadLabels(dir.resolve("y.npy")));
    }

    @Test
    void aSidecarThatDoesNotMatchTheMatrixIsRefused(@TempDir Path dir) throws IOException {
        ResponsesMatrix.of(new float[][] {{1, 2, 3}}, UnitLayout.ofSizes(3), "max").save(dir.resolve("A.npy"));
        ResponsesMatrix.of(new float[][] {{1, 2}}, UnitLayout.ofSizes(2), "max").save(dir.resolve("B.npy"));
        Files.copy(dir.resolve("B.layout.json"), dir.resolve("A.layout.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> ResponsesMatrix.load(dir.resolve("A.npy")));
        assertTrue(e.getMessage().contains("do not belong together"), e.getMessage());
    }

    @Test
    void expertiseFromRecordedResponsesKeepsTheLayers() {
        ResponsesMatrix x = ResponsesRecorder.of(model, "blocks.*.mlp.hook_post").record(ROWS);
        ExpertiseResult e = Expertise.compute(x, new int[] {1, 0, 1});
        assertEquals(512, e.units());
        assertEquals("blocks.1.mlp.hook_post", e.unit(300).layer());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Expertise.compute(x, new int[] {1, 1, 1}));
        assertTrue(bad.getMessage().toLowerCase().contains("negative") || bad.getMessage().contains("0"), bad.getMessage());
    }

    @Test
    void pointsWithoutOneVectorPerTokenAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResponsesRecorder.of(model, "blocks.0.attn.hook_pattern"));
        assertTrue(e.getMessage().contains("per-token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResponsesRecorder.of(model, "blocks.*.mlp.hook_pots"));
    }
}

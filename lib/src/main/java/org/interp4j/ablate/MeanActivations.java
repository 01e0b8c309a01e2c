package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/** Mean activation of every unit of a hook point over all real (unpadded) positions of reference texts. */
public final class MeanActivations {
    private MeanActivations() {}

    public static final int BATCH = 8;

    public static float[] compute(LanguageModel model, String hook, List<String> texts) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = model.tokenize(texts.get(i));
        return compute(model, hook, rows);
    }

    public static float[] compute(LanguageModel model, String hook, long[][] rows) {
        Ablation.checkHook(model, hook);
        if (rows.length == 0) {
            throw new IllegalArgumentException("No reference texts: mean ablation needs at least one text to average over.");
        }
        int n = Ablation.unitsPerPosition(model.config(), hook);
        double[] sum = new double[n];
        long count = 0;
        for (int start = 0; start < rows.length; start += BATCH) {
            long[][] part = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + BATCH));
            Batch batch = Batch.of(part, model.config().padId(), Batch.Side.RIGHT);
            try (ModelOutput out = model.runWithCache(batch, hook)) {
                NDArray a = out.cache().get(hook);
                long[] s = a.getShape().getShape();
                float[] x = a.reshape(s[0], s[1], -1).toFloatArray();
                int p = (int) s[1];
                for (int b = 0; b < part.length; b++) {
                    for (int t = 0; t < p; t++) {
                        if (batch.mask()[b][t] == 0) continue;
                        int off = (b * p + t) * n;
                        for (int u = 0; u < n; u++) sum[u] += x[off + u];
                        count++;
                    }
                }
            }
        }
        float[] mean = new float[n];
        for (int u = 0; u < n; u++) mean[u] = (float) (sum[u] / count);
        return mean;
    }
}

package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import tech.tablesaw.api.Table;

/**
 * Total effects measured the plain way: one forward pass per neuron with the neuron set to its
 * ablation value by a hook, every later layer and the final norm recomputed. Exact for any layer;
 * {@link NeuronEffects} uses it below the last layer, and it is the reference its closed form for
 * the last layer must agree with.
 */
public final class ForwardEffects {
    private ForwardEffects() {}

    /**
     * Total-path columns (and frozen-unigram / KL-from-unigram ones when {@code frequencies} is given)
     * for chosen neurons of a layer set to {@code values}.
     */
    public static Table compute(LanguageModel model, int layer, int[] neurons, float[] values, ScoredTexts texts,
                                TokenFrequencies frequencies, UnigramDirection direction) {
        Ablation.check(model, "blocks." + layer + ".mlp.hook_post", neurons);
        if (values.length != neurons.length) {
            throw new IllegalArgumentException("Got " + neurons.length + " neurons but " + values.length
                    + " values: give one ablation value per neuron.");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            CleanPass clean = new CleanPass(model, layer, texts, 8, m);
            UnigramTerms uni = frequencies == null ? null
                    : new UnigramTerms(m, clean, Readout.of(model, m), frequencies,
                    direction != null ? direction : UnigramDirection.of(frequencies));
            EffectStats stats = new EffectStats(layer, neurons, values);
            float[] act = clean.activations.toFloatArray();
            int dMlp = model.config().dMlp();
            for (int j = 0; j < neurons.length; j++) {
                for (int t = 0; t < clean.count; t++) stats.activationSum[j] += act[t * dMlp + neurons[j]];
            }
            addTotals(model, layer, neurons, values, texts, clean, uni, 8, stats, d -> {});
            return stats.table(clean, null);
        }
    }

    static void addTotals(LanguageModel model, int layer, int[] neurons, float[] values, ScoredTexts texts,
                          CleanPass clean, UnigramTerms uni, int batchSize, EffectStats stats, IntConsumer progress) {
        String hook = "blocks." + layer + ".mlp.hook_post";
        long[][] rows = texts.rows();
        for (int j = 0; j < neurons.length; j++) {
            Hooked h = Ablation.constant(model, hook, new int[] {neurons[j]}, new float[] {values[j]}).hooked();
            int t0 = 0;
            for (int start = 0; start < rows.length; start += batchSize) {
                int end = Math.min(rows.length, start + batchSize);
                Batch batch = texts.batch(model, start, end);
                long[] flat = texts.flatPositions(start, end, batch.length());
                int n = flat.length;
                if (n == 0) continue;
                try (ModelOutput out = model.runWithHooks(batch, h); NDManager bm = out.logits().getManager().newSubManager()) {
                    NDArray idx = bm.create(flat);
                    NDArray logits = out.logits();
                    NDArray x = logits.reshape(-1, logits.getShape().get(2)).get(new NDIndex("{}", idx));
                    x.attach(bm);
                    NDArray tg = bm.create(Arrays.copyOfRange(clean.targetIds, t0, t0 + n)).reshape(-1, 1);
                    float[][] r = stats(x, tg);
                    double[] kl = Float64Rows.klRows(clean.logits.get(bm, new NDIndex(t0 + ":" + (t0 + n))), x);
                    double[] klu = uni == null ? null : uni.klFromUnigram(x, r[0]);
                    float[][] f = null;
                    if (uni != null) {
                        NDArray pi = bm.create(Arrays.copyOfRange(uni.cleanProjection, t0, t0 + n)).reshape(-1, 1);
                        NDArray frozen = x.add(pi.sub(x.matMul(uni.u.reshape(-1, 1))).mul(uni.u.reshape(1, -1)));
                        f = stats(frozen, tg);
                    }
                    for (int i = 0; i < n; i++) {
                        stats.addPath(true, j, clean, t0 + i, r[0][i], r[1][i], r[2][i], kl[i],
                                uni == null ? Double.NaN : uni.klBefore[t0 + i], klu == null ? Double.NaN : klu[i]);
                        if (f != null) stats.addFrozen(j, clean, t0 + i, f[0][i], f[2][i]);
                    }
                }
                t0 += n;
            }
            progress.accept(j + 1);
        }
    }

    /** lse, entropy, target logit of logits x [n, V]. */
    private static float[][] stats(NDArray x, NDArray targets) {
        NDArray ls = x.logSoftmax(1);
        NDArray target = x.gather(targets, 1).reshape(-1);
        float[] lse = target.sub(ls.gather(targets, 1).reshape(-1)).toFloatArray();
        float[] ent = ls.exp().mul(ls).sum(new int[] {1}).neg().toFloatArray();
        return new float[][] {lse, ent, target.toFloatArray()};
    }
}

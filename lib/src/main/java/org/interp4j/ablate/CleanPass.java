package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * One unablated run over scored texts, keeping what the effects need at the T scored positions:
 * logits ℓ [T, vocab], the layer's neuron activations [T, d_mlp], the final residual [T, d_model],
 * each position's target token, and the mean of every neuron over all real positions of the texts.
 * Arrays belong to the manager given; the statistics that every effect compares against (loss,
 * entropy, log-sum-exp of the clean logits) are computed once here.
 */
final class CleanPass {
    final NDArray logits, activations, resid, targets;
    final long[] targetIds;
    final float[] meanActivations;
    final int count;
    /** Per scored position: loss, entropy and log-sum-exp of the clean logits. */
    final float[] loss, entropy, lse;
    CleanPass(LanguageModel model, int layer, ScoredTexts texts, int batchSize, NDManager m) {
        String post = "blocks." + layer + ".mlp.hook_post";
        String last = "blocks." + (model.config().nLayers() - 1) + ".hook_resid_post";
        NDList ls = new NDList(), as = new NDList(), rs = new NDList();
        int dMlp = model.config().dMlp();
        double[] sum = new double[dMlp];
        long seen = 0;
        long[] tg = new long[texts.count()];
        int k = 0;
        long[][] rows = texts.rows();
        for (int start = 0; start < rows.length; start += batchSize) {
            int end = Math.min(rows.length, start + batchSize);
            Batch batch = texts.batch(model, start, end);
            int p = batch.length();
            // the batch's scored positions as indices into its flattened [rows * p] positions, and the tokens they predict
            long[] flat = texts.flatPositions(start, end, p);
            for (int i = start; i < end; i++) {
                for (int pos : texts.positions()[i]) tg[k++] = rows[i][pos + 1];
            }
            try (ModelOutput out = model.runWithCache(batch, post, last)) {
                NDArray a = out.cache().get(post);
                float[] mask = new float[(end - start) * p];
                for (int b = 0; b < end - start; b++) {
                    for (int t = 0; t < p; t++) mask[b * p + t] = batch.mask()[b][t];
                }
                NDArray msk = a.getManager().create(mask, new Shape((long) (end - start) * p, 1));
                float[] s = a.reshape(-1, dMlp).mul(msk).sum(new int[] {0}).toFloatArray();
                for (int u = 0; u < dMlp; u++) sum[u] += s[u];
                for (float f : mask) seen += (long) f;
                if (flat.length == 0) continue;
                NDArray idx = a.getManager().create(flat);
                ls.add(keep(out.logits().reshape(-1, out.logits().getShape().get(2)).get(new NDIndex("{}", idx)), m));
                as.add(keep(a.reshape(-1, dMlp).get(new NDIndex("{}", idx)), m));
                NDArray r = out.cache().get(last);
                rs.add(keep(r.reshape(-1, r.getShape().get(2)).get(new NDIndex("{}", idx)), m));
            }
        }
        if (ls.isEmpty()) {
            throw new IllegalArgumentException("No position is scored: the texts are too short for their scoring rule.");
        }
        count = tg.length;
        targetIds = tg;
        logits = NDArrays.concat(ls, 0);
        activations = NDArrays.concat(as, 0);
        resid = NDArrays.concat(rs, 0);
        targets = m.create(tg);
        meanActivations = new float[dMlp];
        for (int u = 0; u < dMlp; u++) meanActivations[u] = (float) (sum[u] / seen);
        NDArray logSoft = logits.logSoftmax(1);
        NDArray probs = logSoft.exp();
        NDArray lt = logSoft.gather(targets.reshape(-1, 1), 1).reshape(-1);
        loss = lt.neg().toFloatArray();
        entropy = probs.mul(logSoft).sum(new int[] {1}).neg().toFloatArray();
        lse = logits.gather(targets.reshape(-1, 1), 1).reshape(-1).sub(lt).toFloatArray();
    }

    private static NDArray keep(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }
}

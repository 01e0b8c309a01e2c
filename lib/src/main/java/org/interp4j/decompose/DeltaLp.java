package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.interp4j.model.LanguageModel;

/**
 * ΔLP (Oh &amp; Schuler 2023): for every timestep and every source token with its own part, the
 * drop in the next token's log-probability when that part is removed from the final hidden state
 * (logits of the remaining sum, i.e. the real logits minus the part's logits). As in the original,
 * probabilities come from a float32 softmax and their log2 is taken, so a probability that
 * underflows prints as -inf.
 */
public final class DeltaLp {
    private DeltaLp() {}

    /**
     * The ids the original feeds the model: the start token, then the text without special tokens
     * (the start token is the model's BOS, or its EOS when it has none, as OPT's {@code </s>}).
     */
    public static long[] ids(LanguageModel model, String text) {
        long[] body = model.tokenizer().encode(text, false);
        if (body.length == 0) {
            throw new IllegalArgumentException("The text \"" + text + "\" has no tokens: there is nothing to predict.");
        }
        Long start = model.tokenizer().bosId() != null ? model.tokenizer().bosId() : model.config().bosTokenId();
        if (start == null) start = model.tokenizer().eosId() != null ? model.tokenizer().eosId() : model.config().eosTokenId();
        if (start == null) {
            throw new IllegalArgumentException("Model " + model.name() + " has neither a BOS nor an EOS token to start the text with.");
        }
        long[] ids = new long[body.length + 1];
        ids[0] = start;
        System.arraycopy(body, 0, ids, 1, body.length);
        return ids;
    }

    /** ΔLP of a text: decomposes [start token] + text with the given length and reports every timestep. */
    public static List<DeltaLpStep> compute(LanguageModel model, long[] ids, int length) {
        try (Decomposition d = Decomposer.decompose(model, new long[][] {ids}, length)) {
            return compute(d, 0);
        }
    }

    /** One step per timestep 1..length-1 of a row (its real tokens only). */
    public static List<DeltaLpStep> compute(Decomposition d, int row) {
        long[] ids = d.batch().ids()[row];
        int n = d.batch().realLength(row), window = d.window();
        List<DeltaLpStep> steps = new ArrayList<>();
        NDArray unembed = d.unembedding();
        for (int j = 0; j + 1 < n; j++) {
            int first = Math.max(0, j - window + 1), count = j - first + 1;
            long next = ids[j + 1];
            float lp;
            float[] ablated;
            try (NDManager m = d.manager().newSubManager()) {
                NDArray full = d.logits().get(m, new NDIndex("{}, {}, :", row, j));
                lp = lp(full, next);
                int w0 = first - j + window - 1;
                NDArray parts = d.parts().get(m, new NDIndex("{}, {}, {}:{}, :", row, j, w0, window));
                ablated = ablatedLp(m, full, parts, unembed, next);
            }
            int[] sources = new int[count];
            float[] delta = new float[count];
            for (int k = 0; k < count; k++) {
                sources[k] = first + k;
                delta[k] = lp - ablated[k];
            }
            int argmax = argmax(sources, ablated);
            steps.add(new DeltaLpStep(j + 1, next, lp, sources, ablated, delta, argmax, j + 1 - argmax));
        }
        return steps;
    }

    /** log2 P(next) from one row of logits [vocab]: a float32 softmax, then its log2, as the original. */
    static float lp(NDArray logits, long next) {
        return log2(logits.softmax(0).getFloat(next));
    }

    /**
     * log2 P(next) once each part is taken out: the logits of {@code hidden − part} are
     * {@code logits − part · Uᵀ}, so the real logits [vocab] minus each row of parts [count, d_model]
     * times the unembedding [vocab, d_model] transposed; one value per part. {@code logits} and
     * {@code parts} are in {@code m}, and so is every array made here.
     */
    static float[] ablatedLp(NDManager m, NDArray logits, NDArray parts, NDArray unembedding, long next) {
        NDArray transposed = unembedding.transpose(); // a view of the model's weights, made in their manager
        transposed.attach(m);
        NDArray probs = logits.expandDims(0).sub(parts.matMul(transposed)).softmax(1);
        float[] p = probs.get(new NDIndex(":, {}", next)).toFloatArray();
        float[] out = new float[p.length];
        for (int k = 0; k < p.length; k++) out[k] = log2(p[k]);
        return out;
    }

    /**
     * ΔLP of one prediction from plain arrays, computed exactly as {@link #compute(Decomposition, int)}
     * does: logits = hidden · Uᵀ, LP = log2 softmax(logits)[next], and for each part
     * LP without it = log2 softmax(logits − part · Uᵀ)[next]; ΔLP = LP − LP without it.
     *
     * @param hidden      the final (post-norm) hidden state of the position before the predicted token [d_model]
     * @param parts       one row per source token's part of that hidden state [count][d_model]
     * @param unembedding the unembedding as stored [vocab][d_model] (logits = hidden · Uᵀ)
     * @param next        the id of the predicted token
     * @return ΔLP of each part, in the order of {@code parts} (bits)
     */
    public static float[] of(float[] hidden, float[][] parts, float[][] unembedding, long next) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray u = m.create(unembedding);
            NDArray logits = m.create(hidden).expandDims(0).matMul(u.transpose()).squeeze(0);
            float lp = lp(logits, next);
            float[] ablated = ablatedLp(m, logits, m.create(parts), u, next);
            float[] delta = new float[ablated.length];
            for (int k = 0; k < delta.length; k++) delta[k] = lp - ablated[k];
            return delta;
        }
    }

    /**
     * The most important source, as the original picks it: the source other than position 0 (the
     * start token) whose removal gives the lowest log-probability, provided it is below 0; the first
     * one on ties; -1 when there is none. Lowest ablated LP is largest ΔLP, since LP is the same for all.
     *
     * @param sources   source positions
     * @param ablatedLp log2 P without each source's part, in the same order
     */
    public static int argmax(int[] sources, float[] ablatedLp) {
        float best = 0;
        int argmax = -1;
        for (int k = 0; k < sources.length; k++) {
            if (sources[k] != 0 && ablatedLp[k] < best) {
                best = ablatedLp[k];
                argmax = sources[k];
            }
        }
        return argmax;
    }

    /**
     * Mean ΔLP by distance (timestep − source) for distances 1..maxDistance over all steps, leaving
     * out the start token (source 0); index d − 1 holds distance d, NaN where no pair is that far apart.
     */
    public static double[] meanByDistance(List<DeltaLpStep> steps, int maxDistance) {
        double[] sum = new double[maxDistance];
        int[] count = new int[maxDistance];
        for (DeltaLpStep s : steps) {
            for (int k = 0; k < s.sources().length; k++) {
                int source = s.sources()[k], distance = s.timestep() - source;
                if (source == 0 || distance < 1 || distance > maxDistance) continue;
                sum[distance - 1] += s.delta()[k];
                count[distance - 1]++;
            }
        }
        double[] mean = new double[maxDistance];
        for (int i = 0; i < maxDistance; i++) mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        return mean;
    }

    /** log2 in float32, as torch.log2 of a float32 tensor. */
    private static float log2(float p) {
        return (float) (Math.log(p) / Math.log(2));
    }
}

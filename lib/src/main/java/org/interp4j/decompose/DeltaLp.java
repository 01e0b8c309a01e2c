package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

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
    public static long[] ids(org.interp4j.model.LanguageModel model, String text) {
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
    public static List<DeltaLpStep> compute(org.interp4j.model.LanguageModel model, long[] ids, int length) {
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
            try (NDScope scope = new NDScope()) {
                NDArray full = d.logits().get(new NDIndex("{}, {}, :", row, j));
                lp = log2(full.softmax(0).getFloat(next));
                int w0 = first - j + window - 1;
                NDArray parts = d.parts().get(new NDIndex("{}, {}, {}:{}, :", row, j, w0, window));
                NDArray probs = full.expandDims(0).sub(parts.matMul(unembed.transpose())).softmax(1);
                float[] p = probs.get(new NDIndex(":, {}", next)).toFloatArray();
                ablated = new float[count];
                for (int k = 0; k < count; k++) ablated[k] = log2(p[k]);
            }
            int[] sources = new int[count];
            float[] delta = new float[count];
            float best = 0;
            int argmax = -1;
            for (int k = 0; k < count; k++) {
                sources[k] = first + k;
                delta[k] = lp - ablated[k];
                // position 0 is the start token: the original never picks it
                if (sources[k] != 0 && ablated[k] < best) {
                    best = ablated[k];
                    argmax = sources[k];
                }
            }
            steps.add(new DeltaLpStep(j + 1, next, lp, sources, ablated, delta, argmax, j + 1 - argmax));
        }
        return steps;
    }

    /** log2 in float32, as torch.log2 of a float32 tensor. */
    private static float log2(float p) {
        return (float) (Math.log(p) / Math.log(2));
    }
}

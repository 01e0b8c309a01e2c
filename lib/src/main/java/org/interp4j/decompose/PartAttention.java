package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Attention on parts: each part goes through the value projection, is mixed across positions with
 * the ordinary attention weights (softmax is not made linear: its weights are fixed by the real
 * pass), then through the output projection. A source's part at target t gathers that source's
 * parts at every position t attends to. The value bias contributes Σ_j a_tj·b_v = b_v (each row of
 * weights sums to one) and the output bias adds once: both go to the remainder, as in the paper.
 */
final class PartAttention {
    private PartAttention() {}

    /**
     * Arrays computed here land in the manager of {@code x} and {@code pattern}, the caller's unit of
     * work; each block of targets has its own sub-manager, and only its two results leave it.
     *
     * @param x       normalised parts [b, T, W + 1, d]
     * @param pattern attention weights [b, heads, T, T], in the same manager as {@code x}
     * @param block   targets handled together (bounds the memory of the mixing step)
     */
    static NDArray apply(NDArray x, NDArray pattern, FamilyWeights.Layer w, int heads, int kvHeads, int dHead,
                         int block) {
        long[] s = x.getShape().getShape();
        int b = (int) s[0], t = (int) s[1], window = (int) s[2] - 1, groups = heads / kvHeads;
        NDManager stage = x.getManager();
        NDArray v = x.matMul(w.vW());
        if (w.vB() != null) v = Parts.addToRemainder(v, w.vB());
        NDArray vTok = v.get(new NDIndex(":, :, 0:{}, :", window));
        NDArray zRem = mix(pattern, v.get(new NDIndex(":, :, {}, :", window)), kvHeads, dHead);

        List<NDArray> blocks = new ArrayList<>();
        List<NDArray> sums = new ArrayList<>();
        for (int t0 = 0; t0 < t; t0 += block) {
            int t1 = Math.min(t, t0 + block), rows = t1 - t0;
            int j0 = Math.max(0, t0 - window + 1), span = t1 - j0;
            try (NDManager unit = stage.newSubManager()) { // frees the block's temporaries right away
                // value parts of positions j0..t1-1, re-indexed by absolute source j0..t1-1: [b, j, source, kv·dh]
                NDArray vAbs = Parts.skew(vTok.get(unit, new NDIndex(":, {}:{}, :, :", j0, t1)))
                        .get(new NDIndex(":, :, {}:{}, :", window - 1, window - 1 + span));
                vAbs = vAbs.reshape(b, span, span, kvHeads, dHead).transpose(0, 3, 1, 2, 4)
                        .reshape(b, kvHeads, span, (long) span * dHead);
                NDArray a = pattern.get(unit, new NDIndex(":, :, {}:{}, {}:{}", t0, t1, j0, t1))
                        .reshape(b, kvHeads, (long) groups * rows, span);
                NDArray z = a.matMul(vAbs).reshape(b, kvHeads, groups, rows, span, dHead).transpose(0, 3, 4, 1, 2, 5)
                        .reshape(b, rows, span, (long) heads * dHead);
                // columns from source t0-W+1 (possibly before position 0), then back to the window layout
                z = Parts.unskew(Parts.padFront(z, 2, j0 - (t0 - window + 1)), window);
                if (window < t) {
                    NDArray part = z.sum(new int[] {2});
                    part.attach(stage);
                    sums.add(part);
                }
                // only slots that hold a real source for some target of the block need the projection
                int w0 = Math.max(0, window - t1);
                NDArray out = Parts.padFront(z.get(new NDIndex(":, :, {}:, :", w0)).matMul(w.oW()), 2, w0);
                out.attach(stage);
                blocks.add(out);
            }
        }
        if (window < t) {
            // sources that left a target's window: everything the target gathers minus its window's share
            NDArray all = mix(pattern, vTok.sum(new int[] {2}), kvHeads, dHead);
            zRem = zRem.add(all.sub(Parts.concatAndClose(sums, 1)));
        }
        NDArray rem = zRem.matMul(w.oW());
        if (w.oB() != null) rem = rem.add(w.oB());
        NDArray tokens = Parts.concatAndClose(blocks, 1);
        return NDArrays.concat(new NDList(tokens, rem.expandDims(2)), 2);
    }

    /** Σ_j a_tj·v_j per head for one vector per position: v [b, T, kv·dh] → [b, T, heads·dh]. */
    private static NDArray mix(NDArray pattern, NDArray v, int kvHeads, int dHead) {
        long[] p = pattern.getShape().getShape();
        long b = p[0], heads = p[1], t = p[2], groups = heads / kvHeads;
        NDArray vh = v.reshape(b, t, kvHeads, dHead).transpose(0, 2, 1, 3);
        NDArray z = pattern.reshape(b, kvHeads, groups * t, t).matMul(vh);
        return z.reshape(b, kvHeads, groups, t, dHead).transpose(0, 3, 1, 2, 4).reshape(b, t, heads * dHead);
    }
}

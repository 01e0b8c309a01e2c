package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Operations on decomposed parts laid out [batch, target, slot, features]: slots 0..W-1 hold the
 * W most recent source tokens of each target (slot W-1 is the target itself, slot w is source
 * {@code target - W + 1 + w}), and the last slot holds the remainder (biases, plus every older
 * source when the window is shorter than the text). Every step is linear in the parts given the
 * statistics of the ordinary forward pass, so the parts always add up to the real activation.
 */
final class Parts {
    private Parts() {}

    /**
     * Lends arrays owned elsewhere (the run's cache, the caller's parts) to {@code unit}, the
     * sub-manager of one unit of work, until it closes: an array computed from them lands in the
     * manager of its first operand, so every temporary of the unit is then freed with it. Each array
     * returns to its own manager afterwards; one already in {@code unit} is left as it is.
     */
    static void lend(NDManager unit, NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a.getManager() != unit) a.tempAttach(unit);
        }
    }

    /** Adds {@code v} [features] to the last (remainder) slot only: biases belong to no token. */
    static NDArray addToRemainder(NDArray parts, NDArray v) {
        int slots = (int) parts.getShape().get(2);
        float[] hot = new float[slots];
        hot[slots - 1] = 1f;
        // [1, 1, slots, 1] times [features] broadcasts to [1, 1, slots, features], in the parts' manager
        NDArray mask = parts.getManager().create(hot, new Shape(1, 1, slots, 1));
        return parts.add(mask.mul(v));
    }

    /**
     * LayerNorm or RMSNorm applied to parts with the statistics of the undecomposed input
     * {@code input} [batch, target, d]: LayerNorm centres each part by its own mean (the mean of a
     * sum is the sum of the means) and every part is divided by the real σ (or RMS) of its
     * target. The learned bias goes to the remainder.
     */
    static NDArray norm(NDArray parts, NDArray input, NDArray weight, NDArray bias, boolean layerNorm, double eps) {
        NDArray scale;
        NDArray centred = parts;
        if (layerNorm) {
            NDArray in = input.sub(input.mean(new int[] {2}, true));
            scale = in.square().mean(new int[] {2}, true).add(eps).sqrt();
            centred = parts.sub(parts.mean(new int[] {3}, true));
        } else {
            scale = input.square().mean(new int[] {2}, true).add(eps).sqrt();
        }
        NDArray out = centred.div(scale.expandDims(2)).mul(weight);
        return bias == null ? out : addToRemainder(out, bias);
    }

    /**
     * Relative window rows → absolute columns. {@code rows} [b, J, W, F] has row j's slot w at
     * source {@code j - W + 1 + w}; the result [b, J, W + J - 1, F] has column c at source
     * {@code j0 - W + 1 + c} (j0 = the first row's position), zero where row j has no such
     * source. Done by padding each row with J zeros and re-reading the flat buffer with a row
     * length one shorter, which shifts row j right by j.
     */
    static NDArray skew(NDArray rows) {
        long[] s = rows.getShape().getShape();
        long b = s[0], j = s[1], w = s[2], f = s[3];
        NDArray padded = NDArrays.concat(new NDList(rows, rows.getManager().zeros(new Shape(b, j, j, f))), 2);
        NDArray flat = padded.reshape(b, j * (w + j), f).get(new NDIndex(":, 0:{}, :", j * (w + j - 1)));
        return flat.reshape(b, j, w + j - 1, f);
    }

    /**
     * The inverse of {@link #skew}: {@code cols} [b, B, B + W - 1, F] has row r's column c at
     * source {@code t0 - W + 1 + c} for target t0 + r; the result [b, B, W, F] has slot w at
     * source {@code t0 + r - W + 1 + w}, i.e. column r + w.
     */
    static NDArray unskew(NDArray cols, int window) {
        long[] s = cols.getShape().getShape();
        long b = s[0], rows = s[1], c = s[2], f = s[3];
        NDArray flat = NDArrays.concat(new NDList(cols.reshape(b, rows * c, f),
                cols.getManager().zeros(new Shape(b, rows, f))), 1);
        return flat.reshape(b, rows, c + 1, f).get(new NDIndex(":, :, 0:{}, :", window));
    }

    /** Concatenates arrays and frees them; the result is in the first one's manager. */
    static NDArray concatAndClose(List<NDArray> arrays, int axis) {
        NDArray all = NDArrays.concat(new NDList(arrays), axis);
        for (NDArray a : arrays) a.close();
        return all;
    }

    /** Zeros in front of {@code x} along {@code axis}. */
    static NDArray padFront(NDArray x, int axis, long count) {
        if (count <= 0) return x;
        long[] s = x.getShape().getShape().clone();
        s[axis] = count;
        return NDArrays.concat(new NDList(x.getManager().zeros(new Shape(s)), x), axis);
    }
}

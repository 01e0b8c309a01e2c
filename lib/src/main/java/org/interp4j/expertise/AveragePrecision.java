package org.interp4j.expertise;

/**
 * Average precision of every unit as a detector of a concept, with the semantics of
 * scikit-learn's {@code average_precision_score(y, scores)}: samples are ranked by descending
 * response, each distinct response value is one threshold (all samples with that value enter
 * together), and AP = Σ (R_k − R_{k−1}) P_k over those thresholds.
 *
 * <p>Each unit is sorted once, by a radix sort that carries the labels along, and units run in
 * parallel on all cores. A unit with a constant response gets the positive rate, as in
 * scikit-learn. Non-finite responses and labels without both classes are refused with a message
 * that says what to fix.
 */
public final class AveragePrecision {

    private AveragePrecision() {}

    /**
     * AP of every unit.
     *
     * @param x responses [samples][units]
     * @param y one label per sample: 1 if it shows the concept, else 0
     * @return AP per unit, length units
     */
    public static double[] compute(float[][] x, int[] y) {
        Responses r = Responses.of(x);
        return UnitSweep.run(r, BinaryLabels.check(y, r.samples), false).ap;
    }

    /**
     * AP of every unit of a row-major matrix.
     *
     * @param x responses, sample after sample: {@code x[s * units + u]}
     * @param samples number of rows
     * @param units number of columns
     * @param y one 0/1 label per sample
     */
    public static double[] compute(float[] x, int samples, int units, int[] y) {
        Responses r = Responses.rowMajor(x, samples, units);
        return UnitSweep.run(r, BinaryLabels.check(y, r.samples), false).ap;
    }

    /** AP of a single score vector, e.g. one unit's responses. */
    public static double of(float[] scores, int[] y) {
        if (scores == null) throw new IllegalArgumentException("Scores are missing: pass one response per sample.");
        return compute(scores, scores.length, 1, y)[0];
    }
}

package org.interp4j.probe;

/**
 * The samples reordered by label, class 0 first, each class in its original order. The probe copies
 * every unit's activations in this order, so per-class work (extremes, class sums) runs over two
 * plain ranges instead of branching on each sample's label. Logistic regression does not depend on
 * the order of the samples; only the order of float64 additions changes.
 */
final class LabelOrder {
    /** rows[i] = the original index of the i-th sample in label order. */
    final int[] rows;
    /** Number of class-0 samples: they occupy positions [0, zeros). */
    final int zeros;
    /** The labels in label order: zeros, then ones. */
    final double[] labels;

    LabelOrder(double[] y) {
        int n = y.length, zeroCount = 0;
        for (double v : y) if (v == 0.0) zeroCount++;
        rows = new int[n];
        labels = new double[n];
        int z = 0, o = zeroCount;
        for (int i = 0; i < n; i++) {
            if (y[i] == 0.0) rows[z++] = i;
            else rows[o++] = i;
        }
        for (int i = zeroCount; i < n; i++) labels[i] = 1.0;
        zeros = zeroCount;
    }
}

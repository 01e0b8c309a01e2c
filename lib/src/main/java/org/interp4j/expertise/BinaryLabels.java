package org.interp4j.expertise;

import org.interp4j.data.Labels;

/**
 * Concept labels of the samples: 1 where the sentence shows the concept, 0 where it does not.
 * Both classes must be present, since a unit's precision and recall as a concept detector mean
 * nothing otherwise (scikit-learn only warns and returns an ill-defined score there).
 */
final class BinaryLabels {

    final int[] values;
    final int positives;
    final int negatives;

    private BinaryLabels(int[] values, int positives) {
        this.values = values;
        this.positives = positives;
        this.negatives = values.length - positives;
    }

    static BinaryLabels check(int[] y, int samples) {
        int positives = Labels.positives(y, samples);
        if (positives == 0) {
            throw new IllegalArgumentException("No positive samples (label 1) among " + y.length
                    + ": average precision needs sentences that show the concept; add some labelled 1.");
        }
        if (positives == y.length) {
            throw new IllegalArgumentException("All " + y.length + " samples are positive (label 1): every unit would"
                    + " score a meaningless AP of 1; add sentences without the concept, labelled 0.");
        }
        return new BinaryLabels(y, positives);
    }
}

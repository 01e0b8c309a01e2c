package org.interp4j.ablate;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-neuron sums over scored positions of every effect measure, turned into a table of means.
 * "abs_" columns average the absolute value per position, as the original does before grouping.
 */
final class EffectStats {
    static final String[] COLUMNS = {
            "delta_loss_total", "abs_delta_loss_total", "delta_entropy_total", "kl_total",
            "delta_loss_direct", "abs_delta_loss_direct", "delta_entropy_direct", "kl_direct",
            "delta_loss_frozen_unigram", "abs_delta_loss_frozen_unigram",
            "kl_unigram_before", "kl_unigram_after", "kl_from_unigram_diff", "abs_kl_from_unigram_diff"};
    static final int D_LOSS_T = 0, ABS_LOSS_T = 1, D_ENT_T = 2, KL_T = 3, D_LOSS_D = 4, ABS_LOSS_D = 5, D_ENT_D = 6,
            KL_D = 7, D_LOSS_F = 8, ABS_LOSS_F = 9, KLU_BEFORE = 10, KLU_AFTER = 11, KLU_DIFF = 12, ABS_KLU_DIFF = 13;

    final int layer;
    final int[] neurons;
    final float[] ablationValues;
    final double[][] sums; // [column][neuron]
    final boolean[] present = new boolean[COLUMNS.length];
    final double[] activationSum, loss, entropy;
    int positions;

    EffectStats(int layer, int[] neurons, float[] ablationValues) {
        this.layer = layer;
        this.neurons = neurons;
        this.ablationValues = ablationValues;
        sums = new double[COLUMNS.length][neurons.length];
        activationSum = new double[neurons.length];
        loss = new double[1];
        entropy = new double[1];
    }

    void add(int column, int neuron, double value) {
        sums[column][neuron] += value;
        present[column] = true;
    }

    /**
     * Adds one (position, neuron) outcome of one path. {@code lse}, {@code entropyAfter},
     * {@code targetLogit}, {@code kl} (KL(clean ‖ ablated), computed in float64) describe the ablated
     * logits x; {@code klUnigramAfter} is KL(unigram ‖ softmax(x)) in float64, NaN when not measured,
     * and {@code klUnigramBefore} the same for the clean logits.
     */
    void addPath(boolean total, int j, CleanPass c, int t, double lse, double entropyAfter, double targetLogit,
                 double kl, double klUnigramBefore, double klUnigramAfter) {
        double dLoss = (lse - targetLogit) - c.loss[t];
        add(total ? D_LOSS_T : D_LOSS_D, j, dLoss);
        add(total ? ABS_LOSS_T : ABS_LOSS_D, j, Math.abs(dLoss));
        add(total ? D_ENT_T : D_ENT_D, j, entropyAfter - c.entropy[t]);
        add(total ? KL_T : KL_D, j, kl);
        if (total && !Double.isNaN(klUnigramAfter)) {
            add(KLU_BEFORE, j, klUnigramBefore);
            add(KLU_AFTER, j, klUnigramAfter);
            add(KLU_DIFF, j, klUnigramAfter - klUnigramBefore);
            add(ABS_KLU_DIFF, j, Math.abs(klUnigramAfter - klUnigramBefore));
        }
    }

    void addFrozen(int j, CleanPass c, int t, double lse, double targetLogit) {
        double dLoss = (lse - targetLogit) - c.loss[t];
        add(D_LOSS_F, j, dLoss);
        add(ABS_LOSS_F, j, Math.abs(dLoss));
    }

    Table table(CleanPass c, float[] unigramProjection) {
        int n = neurons.length, tCount = c.count;
        double meanLoss = 0, meanEntropy = 0;
        for (int t = 0; t < tCount; t++) {
            meanLoss += c.loss[t];
            meanEntropy += c.entropy[t];
        }
        meanLoss /= tCount;
        meanEntropy /= tCount;
        IntColumn layerCol = IntColumn.create("layer"), neuron = IntColumn.create("neuron"),
                pos = IntColumn.create("positions");
        StringColumn comp = StringColumn.create("component");
        DoubleColumn value = DoubleColumn.create("ablation_value"), act = DoubleColumn.create("activation"),
                lossCol = DoubleColumn.create("loss"), entCol = DoubleColumn.create("entropy");
        for (int j = 0; j < n; j++) {
            layerCol.append(layer);
            neuron.append(neurons[j]);
            comp.append(layer + "." + neurons[j]);
            value.append(ablationValues[j]);
            act.append(activationSum[j] / tCount);
            pos.append(tCount);
            lossCol.append(meanLoss);
            entCol.append(meanEntropy);
        }
        Table table = Table.create("neuron effects", layerCol, neuron, comp, value, act, pos, lossCol, entCol);
        for (int k = 0; k < COLUMNS.length; k++) {
            if (!present[k]) continue;
            DoubleColumn col = DoubleColumn.create(COLUMNS[k]);
            for (int j = 0; j < n; j++) col.append(sums[k][j] / tCount);
            table.addColumns(col);
        }
        if (unigramProjection != null) {
            DoubleColumn col = DoubleColumn.create("unigram_projection");
            for (int j = 0; j < n; j++) col.append(unigramProjection[j]);
            table.addColumns(col);
        }
        return table;
    }
}

package org.interp4j.grade.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise.Trial;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.probe.UnitProbes;

/**
 * 01.tuned-percent: for each layer (row: all its Q, K and V units), the percent of units with
 * {@code p < 0.05 / units of the row} and {@code beta > 0}; the reference is
 * {@link UnitProbes#bonferroniMask} row by row. Exact counts over given inputs.
 */
final class TunedPercent extends FunctionExercise<BiFunction<double[][], double[][], double[]>> {

    TunedPercent() {
        super("01.tuned-percent", "tunedPercent",
                generic(BiFunction.class),
                "(pvalues[layer][unit], betas[layer][unit]) -> percent tuned per layer",
                "a unit is tuned when its p-value is below 0.05 divided by the number of units in ITS row (all Q, K "
                        + "and V units of one layer) and its beta is positive; a NaN p-value never passes. Return a "
                        + "percentage (0-100) per row.",
                Tolerance.abs(1e-9));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        List<Trial> out = new ArrayList<>();
        double t4 = 0.05 / 4;
        out.add(new Trial("2 layers of 4 units by hand (NaN, negative beta, p just either side of the threshold)",
                new double[][] {{1e-9, Double.NaN, t4 * 0.999, 1e-12}, {t4 * 1.001, 1e-20, 0.3, 1e-5}},
                new double[][] {{2.0, Double.POSITIVE_INFINITY, 0.4, -3.0}, {1.0, 0.7, 5.0, 0.0}}));
        out.add(randomProbe("6 layers of 192 units", 21, 6, 192));
        out.add(randomProbe("4 layers of 576 units", 22, 4, 576));
        out.add(randomProbe("30 layers of 64 units", 23, 30, 64));
        out.add(randomProbe("3 layers of 960 units (576 Q + 192 K + 192 V)", 24, 3, 960));
        return out;
    }

    /**
     * p-values spread log-uniformly from 1e-14 to 1 (so many fall between 0.05/(layers·units) and
     * 0.05/units), betas of either sign, a few separated units (NaN p, infinite beta), and rows
     * with no and with every unit tuned.
     */
    private static Trial randomProbe(String description, long seed, int layers, int units) {
        Random r = new Random(seed);
        double[][] p = new double[layers][units];
        double[][] b = new double[layers][units];
        for (int l = 0; l < layers; l++) {
            double spread = 14.0 * (l + 1) / layers;   // later rows reach smaller p-values
            for (int u = 0; u < units; u++) {
                p[l][u] = Math.pow(10, -spread * r.nextDouble());
                b[l][u] = r.nextGaussian();
                if (r.nextInt(40) == 0) {
                    p[l][u] = Double.NaN;
                    b[l][u] = r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                }
            }
        }
        Arrays.fill(p[0], 0.5);                        // nothing tuned
        Arrays.fill(p[layers - 1], 1e-30);             // every unit with beta > 0 tuned
        Arrays.fill(b[layers - 1], 1.0);
        return new Trial(description, p, b);
    }

    @Override
    protected Object apply(BiFunction<double[][], double[][], double[]> f, Trial t, ExerciseContext context) {
        return f.apply(deepCopy((double[][]) t.args()[0]), deepCopy((double[][]) t.args()[1]));
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        double[][] p = (double[][]) t.args()[0];
        double[][] b = (double[][]) t.args()[1];
        double[] percent = new double[p.length];
        for (int l = 0; l < p.length; l++) {
            boolean[] mask = UnitProbes.bonferroniMask(p[l], b[l]);
            int n = 0;
            for (boolean m : mask) if (m) n++;
            percent[l] = 100.0 * n / mask.length;
        }
        return percent;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}

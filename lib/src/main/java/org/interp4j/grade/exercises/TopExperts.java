package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.ExpertUnitsExercises.randomLabels;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.interp4j.expertise.AveragePrecision;
import org.interp4j.expertise.Expertise;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.expertise.UnitExpertise;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * 02.top-experts: the columns of the k highest AP values, best first: the ranking that picks
 * the experts to force. Units of equal AP may come in any order (their ranks are a tie).
 */
final class TopExperts extends FunctionExercise<BiFunction<double[], Integer, int[]>> {

    /** Two APs closer than this are a tie: AP is a ratio of small counts, so real ties are exact. */
    private static final double TIE = 1e-12;

    TopExperts() {
        super("02.top-experts", "topExperts", generic(BiFunction.class),
                "(ap, k) -> int[] of k columns, best first",
                "rank the columns by AP from the highest down and keep the first k; return column indices "
                        + "(uuids), not AP values. Columns with equal AP may come in either order.",
                Tolerance.abs(TIE));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(7);
        List<Trial> out = new ArrayList<>();
        // Responses rounded to few values give many units with exactly equal AP.
        out.add(trial("k = 1 (the single best unit) among 300 units", r, 40, 300, 1, 1));
        out.add(trial("k = 10 among 300 units with many tied APs", r, 30, 300, 0, 10));
        out.add(trial("k = 25 among 500 units", r, 60, 500, 2, 25));
        out.add(trial("k = all 12 units", r, 20, 12, 1, 12));
        return out;
    }

    /** Random responses with a planted detector here and there, so the best units are not in front. */
    private static Trial trial(String description, Random r, int samples, int units, int decimals, int k) {
        int[] y = randomLabels(r, samples, 0.5);
        float[][] x = new float[samples][units];
        double scale = Math.pow(10, decimals);
        for (int u = 0; u < units; u++) {
            double signal = r.nextInt(4) == 0 ? r.nextDouble() * 2 - 0.5 : 0; // some units lean towards the labels
            for (int s = 0; s < samples; s++) {
                double v = r.nextGaussian() + signal * y[s];
                x[s][u] = (float) (Math.rint(v * scale) / scale);
            }
        }
        return new Trial(description, AveragePrecision.compute(x, y), k, x, y);
    }

    @Override
    protected Object apply(BiFunction<double[], Integer, int[]> f, Trial t, ExerciseContext context) {
        return f.apply(((double[]) t.args()[0]).clone(), (Integer) t.args()[1]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        ExpertiseResult e = Expertise.compute((float[][]) t.args()[2], (int[]) t.args()[3]);
        return e.top((Integer) t.args()[1]).stream().mapToInt(UnitExpertise::uuid).toArray();
    }

    /** Accepts any order among tied units: the i-th column must have the AP of the library's i-th. */
    @Override
    protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
        double[] ap = (double[]) trial.args()[0];
        if (got == null || !got.isArray()) {
            return "the result should be an int[] of column indices";
        }
        if (got.size() != want.size()) {
            return "the result has " + got.size() + " columns; it should have k = " + want.size();
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < got.size(); i++) {
            int u = got.get(i).asInt(-1);
            if (!got.get(i).isIntegralNumber() || u < 0 || u >= ap.length) {
                return "element " + i + " is not a column index between 0 and " + (ap.length - 1);
            }
            if (!seen.add(u)) {
                return "column " + u + " appears twice";
            }
            double best = ap[want.get(i).asInt()];
            if (ap[u] < best - TIE) {
                return sameUnits(got, want, ap)
                        ? "these are the k best units, but not ranked from the highest AP down"
                        : "element " + i + " has a lower AP than the unit that belongs at rank " + i;
            }
            if (ap[u] > best + TIE) {
                return "element " + i + " has a higher AP than the unit that belongs at rank " + i
                        + ": a better unit was missed or ranked too late";
            }
        }
        return null;
    }

    /** Whether {@code got} holds units of the same APs as {@code want}, in any order (ties count as equal). */
    private static boolean sameUnits(JsonNode got, JsonNode want, double[] ap) {
        double[] a = new double[got.size()], b = new double[want.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ap[got.get(i).asInt()];
            b[i] = ap[want.get(i).asInt()];
        }
        Arrays.sort(a);
        Arrays.sort(b);
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > TIE) return false;
        }
        return true;
    }
}

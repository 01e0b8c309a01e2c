package org.interp4j.steer;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Linear-AcT map applies: per unit, the interval between two quantiles of the unit's pooled
 * responses on the source sentences. Named as ml-act names them ({@code quantiles_src}):
 * {@code q_0_100} (min to max, the original's default), {@code q_1_99}, {@code q_5_95}, … and
 * {@code q_all} (everywhere). A value is transported only when {@code lo < x < hi}, strictly.
 *
 * @param name  the spec as given, e.g. {@code q_0_100}
 * @param lower lower quantile level in [0, 1] (ignored when unbounded)
 * @param upper upper quantile level in [0, 1]
 */
public record Support(String name, double lower, double upper) {

    /** min..max of the source responses: ml-act's {@code quantiles_src: q_0_100}. */
    public static final Support MIN_MAX = new Support("q_0_100", 0, 1);
    /** No bound: every value is transported (ml-act's {@code q_all}, and maps saved before supports existed). */
    public static final Support ALL = new Support("q_all", Double.NaN, Double.NaN);

    private static final Pattern SPEC = Pattern.compile("q_([0-9]+(?:\\.[0-9]+)?)_([0-9]+(?:\\.[0-9]+)?)");

    public Support {
        if (!Double.isNaN(lower) || !Double.isNaN(upper)) {
            if (!(lower >= 0 && upper <= 1 && lower <= upper)) {
                throw new IllegalArgumentException("Support quantiles must satisfy 0 <= lower <= upper <= 1, got "
                        + lower + " and " + upper + ".");
            }
        }
    }

    /** {@code q_all}, or {@code q_LO_HI} with LO, HI percentages (e.g. {@code q_0_100}, {@code q_0.5_99.5}). */
    public static Support parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("q_all") || s.equals("all")) return ALL;
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unknown support '" + spec + "': use q_all, or q_LO_HI with percentages, "
                    + "e.g. q_0_100 (source min..max, the default), q_1_99, q_5_95.");
        }
        double lo = Double.parseDouble(m.group(1)), hi = Double.parseDouble(m.group(2));
        if (!(lo <= hi && hi <= 100)) {
            throw new IllegalArgumentException("Support '" + spec + "' needs 0 <= LO <= HI <= 100 (percentages).");
        }
        return new Support(s, lo / 100, hi / 100);
    }

    public boolean unbounded() {
        return Double.isNaN(lower);
    }

    /** {lo, hi} of one unit's source values: linear-interpolated quantiles (torch.quantile, numpy's default). */
    public float[] bounds(float[] source) {
        if (unbounded()) return new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        if (source.length == 0) throw new IllegalArgumentException("A support needs at least one source value.");
        double[] v = new double[source.length];
        for (int i = 0; i < v.length; i++) v[i] = source[i];
        Arrays.sort(v);
        return new float[] {(float) quantile(v, lower), (float) quantile(v, upper)};
    }

    /** Quantile q of sorted values, linear interpolation between the two nearest ranks. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String toString() {
        return name;
    }
}

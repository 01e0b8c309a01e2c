package org.interp4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.stream.IntStream;
import org.interp4j.data.Labels;

/**
 * Per-unit logistic regression for every unit at once: does one unit's activation predict the label?
 * For each unit it fits {@code P(y=1) = σ(intercept + beta·activation)} by maximum likelihood and
 * returns the slope, its Wald z and two-sided p-value, standard errors and in-sample accuracy — the
 * numbers {@code statsmodels.Logit(y, add_constant(x)).fit(maxiter=3000)} gives, to 1e-6.
 *
 * <p>How: every unit runs the same Newton iteration as statsmodels (zero start, 1e-10 ridge on the
 * scaled Hessian, stop when no parameter moves by more than 1e-8, same iteration count), on its own
 * float64 copy of its activations held in cache (samples in label order, see {@code LabelOrder}),
 * one pass over the samples per step, its sigmoids in a loop the JIT vectorises
 * ({@code LogisticSigmoids}); the first step is closed-form and the last one usually comes from a
 * Taylor expansion with a proven remainder bound (see {@code LogitNewton}). Blocks of 64 units run in parallel. Iterating unit by unit lets each
 * unit stop as soon as it has converged; the alternative, all units of a layer in lock-step as
 * float64 tensor ops, measured over ten times slower (benchmarks/probe).
 *
 * <p>Units without a finite slope are flagged rather than fitted: {@code constant} (zero variance) and
 * {@code perfectlySeparated} (every class-1 activation at or beyond every class-0 activation, the
 * complete and quasi-complete separation for which statsmodels warns or never converges). Both get a
 * NaN p-value, so they never pass {@link #bonferroniMask}.
 */
public final class UnitProbes {
    /** Units copied and fitted together by one task. */
    private static final int BLOCK = 64;

    /** Fitting controls; {@link #statsmodels()} are the lecture's settings. */
    public record Options(int maxIter, double tol, double ridgeFactor, boolean parallel) {
        public Options {
            if (maxIter < 1 || !(tol > 0) || !(ridgeFactor >= 0)) {
                throw new IllegalArgumentException("Probe options need maxIter ≥ 1, tol > 0 and ridgeFactor ≥ 0; got "
                        + maxIter + ", " + tol + ", " + ridgeFactor + ".");
            }
        }

        public static Options statsmodels() {
            return new Options(3000, 1e-8, 1e-10, true);
        }

        public Options withParallel(boolean on) {
            return new Options(maxIter, tol, ridgeFactor, on);
        }
    }

    private UnitProbes() {}

    /** @param x activations [samples][units]; @param y labels 0/1, one per sample. */
    public static UnitProbeResult fit(float[][] x, int[] y) {
        return fit(x, y, Options.statsmodels());
    }

    public static UnitProbeResult fit(float[][] x, int[] y, Options options) {
        return fit(ActivationMatrix.ofRows(x), y, options);
    }

    /** @param x activations as a [samples, units] NDArray of any numeric type. */
    public static UnitProbeResult fit(NDArray x, int[] y) {
        return fit(x, y, Options.statsmodels());
    }

    public static UnitProbeResult fit(NDArray x, int[] y, Options options) {
        if (x.getShape().dimension() != 2) {
            throw new IllegalArgumentException("Activations must be 2-D [samples, units], got shape " + x.getShape()
                    + ": select one position and flatten heads into units first.");
        }
        int samples = Math.toIntExact(x.getShape().get(0));
        int units = Math.toIntExact(x.getShape().get(1));
        float[] flat = x.getDataType() == DataType.FLOAT32 ? x.toFloatArray() : x.toType(DataType.FLOAT32, false).toFloatArray();
        return fit(ActivationMatrix.ofFlat(flat, samples, units), y, options);
    }

    /** @param y labels as an NDArray of 0/1 values (any numeric type). */
    public static UnitProbeResult fit(NDArray x, NDArray y) {
        return fit(x, labels(y), Options.statsmodels());
    }

    /** Flat row-major activations of shape [samples, units]. */
    public static UnitProbeResult fit(float[] x, int samples, int units, int[] y, Options options) {
        return fit(ActivationMatrix.ofFlat(x, samples, units), y, options);
    }

    /**
     * The lecture's selection: units whose slope is positive and significant after Bonferroni
     * correction over all units given, {@code p < alpha / pvalues.length && beta > 0}. NaN p-values
     * never pass.
     */
    public static boolean[] bonferroniMask(double[] pvalues, double[] betas, double alpha) {
        if (pvalues.length != betas.length) {
            throw new IllegalArgumentException("pvalues has " + pvalues.length + " entries but betas has "
                    + betas.length + ": pass the two arrays of the same probe.");
        }
        double threshold = alpha / pvalues.length;
        boolean[] mask = new boolean[pvalues.length];
        for (int u = 0; u < mask.length; u++) mask[u] = pvalues[u] < threshold && betas[u] > 0;
        return mask;
    }

    public static boolean[] bonferroniMask(double[] pvalues, double[] betas) {
        return bonferroniMask(pvalues, betas, 0.05);
    }

    static UnitProbeResult fit(ActivationMatrix x, int[] y, Options options) {
        LabelOrder order = new LabelOrder(checkLabels(y, x.samples));
        UnitProbeResult out = UnitProbeResult.allocate(x.units);
        int blocks = (x.units + BLOCK - 1) / BLOCK;
        IntStream ids = IntStream.range(0, blocks);
        (options.parallel() ? ids.parallel() : ids).forEach(b -> fitBlock(x, order, b * BLOCK, options, out));
        return out;
    }

    private static void fitBlock(ActivationMatrix x, LabelOrder order, int first, Options options, UnitProbeResult out) {
        int count = Math.min(BLOCK, x.units - first);
        int n = x.samples;
        double[][] columns = new double[count][n];
        x.copyColumns(first, count, order.rows, columns);
        LogitNewton newton = new LogitNewton(n, options.tol(), options.maxIter(), options.ridgeFactor());
        UnitStats stats = new UnitStats();
        double[] y = order.labels;
        for (int k = 0; k < count; k++) {
            int unit = first + k;
            stats.measure(columns[k], order.zeros, n);
            if (!Double.isFinite(stats.sumXX)) x.rejectNonFinite(first, count);
            int direction = stats.separation();
            if (stats.constant()) DegenerateUnit.constant(stats, n, out, unit);
            else if (direction != 0) DegenerateUnit.separated(columns[k], y, n, stats, direction, out, unit);
            else newton.fit(columns[k], y, n, stats, out, unit);
        }
    }

    /** Labels as doubles for the fit, after {@link Labels#positives}; a probe also needs both classes. */
    static double[] checkLabels(int[] y, int samples) {
        int ones = Labels.positives(y, samples);
        if (ones == 0 || ones == samples) {
            throw new IllegalArgumentException("All " + samples + " labels are " + (ones == 0 ? 0 : 1)
                    + ": a probe needs samples of both classes.");
        }
        double[] labels = new double[samples];
        for (int i = 0; i < samples; i++) labels[i] = y[i];
        return labels;
    }

    private static int[] labels(NDArray y) {
        if (y.getShape().dimension() != 1) {
            throw new IllegalArgumentException("Labels must be 1-D [samples], got shape " + y.getShape() + ".");
        }
        return Labels.fromNumbers(y.toType(DataType.FLOAT64, false).toDoubleArray());
    }
}

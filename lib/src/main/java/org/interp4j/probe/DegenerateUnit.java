package org.interp4j.probe;

/**
 * Results for units that have no finite slope to estimate. statsmodels either fails on them
 * (a zero column makes the Hessian singular; a non-zero constant is left without an intercept by
 * {@code add_constant}) or spends its whole iteration budget drifting towards infinity (separated
 * classes, where it returns arbitrary large parameters with p ≈ 1). Here they are flagged and get
 * values that say what is true instead.
 */
final class DegenerateUnit {
    private DegenerateUnit() {}

    /**
     * Zero variance: only the intercept-only model exists, {@code logit(n1/n)} with its usual standard
     * error; the slope, its test and p-value are NaN. Everyone is predicted the majority class
     * (class 0 on an exact tie, as "p > ½" decides).
     */
    static void constant(UnitStats s, int n, UnitProbeResult out, int unit) {
        double n1 = s.ones, n0 = n - s.ones;
        out.constant()[unit] = true;
        out.intercept()[unit] = Math.log(n1 / n0);
        out.stdErrIntercept()[unit] = Math.sqrt(n / (n1 * n0));
        notEstimable(out, unit);
        out.beta()[unit] = Double.NaN;
        out.accuracy()[unit] = 100.0 * (n1 > n0 ? n1 : n0) / n;
    }

    /**
     * Separated classes: the likelihood keeps growing as the slope goes to ±infinity in the
     * separating direction, so beta is reported as that infinity and everything else that depends on
     * a finite fit as NaN. Accuracy is that of the limiting classifier: perfect for complete
     * separation; with quasi-complete separation the samples sitting exactly on the boundary value
     * get the boundary group's majority class.
     */
    static void separated(double[] x, double[] y, int n, UnitStats s, int direction,
                          UnitProbeResult out, int unit) {
        out.perfectlySeparated()[unit] = true;
        notEstimable(out, unit);
        out.intercept()[unit] = Double.NaN;
        out.stdErrIntercept()[unit] = Double.NaN;
        out.beta()[unit] = direction > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double boundary = direction > 0 ? s.max0 : s.min0;
        if (direction > 0 ? s.min1 > s.max0 : s.max1 < s.min0) {
            out.accuracy()[unit] = 100.0;
            return;
        }
        int onBoundary1 = 0, onBoundary0 = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] == boundary) {
                if (y[i] == 1.0) onBoundary1++; else onBoundary0++;
            }
        }
        int wrong = onBoundary1 > onBoundary0 ? onBoundary0 : onBoundary1;
        out.accuracy()[unit] = 100.0 * (n - wrong) / n;
    }

    private static void notEstimable(UnitProbeResult out, int unit) {
        out.stdErrBeta()[unit] = Double.NaN;
        out.z()[unit] = Double.NaN;
        out.pValue()[unit] = Double.NaN;
        out.iterations()[unit] = 0;
        out.converged()[unit] = false;
    }
}

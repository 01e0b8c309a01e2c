package org.interp4j.probe;

/**
 * Newton's method for one unit's logistic regression {@code P(y=1) = σ(intercept + beta·x)},
 * step for step the way statsmodels' {@code Logit(y, add_constant(x)).fit(method="newton")} does it:
 * start at zero, solve {@code (XᵀWX/n + ridge·I) · step = Xᵀ(y − p)/n}, and stop once no parameter
 * changed by more than {@code tol} (or after {@code maxIter} steps). The two parameters and all
 * sums are float64.
 *
 * <p>Each step is one pass over the unit's samples (which sit in L1 cache): the sigmoids, then the
 * five sums the 2×2 system needs. At the zero start every probability is exactly ½, so the first
 * step needs no sigmoid at all.
 */
final class LogitNewton {
    /** Reuse the last Hessian for the standard errors if no logit moved more than this since. */
    private static final double REUSE_HESSIAN_DELTA = 1e-11;
    /**
     * Reuse it with a first-order correction if no logit moved more than this: the neglected
     * second-order term is below 0.1·1e-14 of the weights.
     */
    private static final double CORRECT_HESSIAN_DELTA = 1e-7;
    /** Once a step moves no logit by more than this, the next pass may be the last: also collect the correction sums. */
    private static final double NEAR_CONVERGED_DELTA = 1e-3;
    /**
     * Below this ratio of det(XᵀWX) to the product of its diagonal, the plain determinant has lost
     * more than four digits to cancellation (activations far from zero relative to their spread).
     */
    private static final double ILL_CONDITIONED = 1e-4;

    private final double tol;
    private final int maxIter;
    private final double ridge;

    // Sums of the last pass: Σw, Σwx, Σwx², Σ(y−p), Σ(y−p)x with w = p(1−p).
    private double sw, swx, swxx, sr, srx;
    // Derivative sums of a near-converged pass: Σv, Σvx, Σvx², Σvx³ with v = dw/dlogit = w(1−2p).
    private double sv, svx, svxx, svxxx;
    private boolean haveDerivatives;

    private final double[] prob;

    LogitNewton(int samples, double tol, int maxIter, double ridge) {
        this.prob = new double[samples];
        this.tol = tol;
        this.maxIter = maxIter;
        this.ridge = ridge;
    }

    /** Fits one unit whose screening found neither a constant nor separated classes. */
    void fit(float[] x, double[] y, int n, UnitStats s, UnitProbeResult out, int unit) {
        double a = 0, b = 0;
        int iter = 0;
        boolean moving = true;
        double lastDa = Double.POSITIVE_INFINITY, lastDb = Double.POSITIVE_INFINITY;
        while (iter < maxIter && moving) {
            double lastMove = Math.abs(lastDa) + Math.abs(lastDb) * s.maxAbs;
            haveDerivatives = false;
            if (a == 0 && b == 0) atZero(s, n);
            else if (lastMove <= NEAR_CONVERGED_DELTA) passWithDerivatives(x, y, n, a, b);
            else pass(x, y, n, a, b);
            double h00 = sw / n + ridge, h01 = swx / n, h11 = swxx / n + ridge;
            double g0 = sr / n, g1 = srx / n;
            // Solve the 2×2 system by LU with partial pivoting, as LAPACK's gesv does.
            double s0, s1;
            if (Math.abs(h00) >= Math.abs(h01)) {
                double l = h01 / h00;
                s1 = (g1 - l * g0) / (h11 - l * h01);
                s0 = (g0 - h01 * s1) / h00;
            } else {
                double l = h00 / h01;
                s1 = (g0 - l * g1) / (h01 - l * h11);
                s0 = (g1 - h11 * s1) / h01;
            }
            double na = a + s0, nb = b + s1;
            lastDa = na - a;
            lastDb = nb - b;
            a = na;
            b = nb;
            iter++;
            moving = Math.abs(lastDa) > tol || Math.abs(lastDb) > tol;
        }
        boolean finite = Double.isFinite(a) && Double.isFinite(b);
        // The standard errors need the Hessian at the final parameters, one step beyond the last
        // pass. If that step moved no logit by more than 1e-11, the last pass's Hessian is the same
        // to ~1e-11 relative; up to 1e-7 a first-order update from the derivative sums is exact to
        // ~1e-15; beyond that (rare: large offsets) spend one more pass.
        double maxLogitMove = Math.abs(lastDa) + Math.abs(lastDb) * s.maxAbs;
        if (finite && !(maxLogitMove <= REUSE_HESSIAN_DELTA)) {
            if (haveDerivatives && maxLogitMove <= CORRECT_HESSIAN_DELTA) {
                // w(new) = w + v·(Δa + Δb·x) + O(Δ²), summed against 1, x, x².
                sw += lastDa * sv + lastDb * svx;
                swx += lastDa * svx + lastDb * svxx;
                swxx += lastDa * svxx + lastDb * svxxx;
            } else {
                pass(x, y, n, a, b);
            }
        }
        double det = sw * swxx - swx * swx;
        if (finite && det < ILL_CONDITIONED * sw * swxx) det = centeredDeterminant(x, n, a, b);
        double varA = swxx / det, varB = sw / det;

        out.intercept()[unit] = a;
        out.beta()[unit] = b;
        out.stdErrIntercept()[unit] = Math.sqrt(varA);
        out.stdErrBeta()[unit] = Math.sqrt(varB);
        double z = b / Math.sqrt(varB);
        out.z()[unit] = z;
        out.pValue()[unit] = NormalTail.twoSided(z);
        out.accuracy()[unit] = accuracy(x, y, n, a, b);
        out.iterations()[unit] = iter;
        out.converged()[unit] = !moving && finite;
    }

    /** At intercept = beta = 0 every p is ½ and every weight ¼, so the sums are closed-form. */
    private void atZero(UnitStats s, int n) {
        sw = 0.25 * n;
        swx = 0.25 * s.sumX;
        swxx = 0.25 * s.sumXX;
        sr = s.ones - 0.5 * n;
        srx = s.sumYX - 0.5 * s.sumX;
    }

    /**
     * One pass: the probabilities p = σ(a + b·x) into a buffer, then the five sums. Two plain loops
     * run about twice as fast as one fused or unrolled loop: the JIT keeps each loop's few
     * accumulators in registers and pipelines the sigmoids freely.
     */
    private void pass(float[] x, double[] y, int n, double a, double b) {
        double[] p = sigmoids(x, n, a, b);
        double w0 = 0, wx0 = 0, wxx0 = 0, r0 = 0, rx0 = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = p[i];
            double w = pi * (1.0 - pi), r = y[i] - pi, wx = w * xi;
            w0 += w; wx0 += wx; wxx0 += wx * xi; r0 += r; rx0 += r * xi;
        }
        sw = w0; swx = wx0; swxx = wxx0; sr = r0; srx = rx0;
    }

    private double[] sigmoids(float[] x, int n, double a, double b) {
        double[] p = prob;
        for (int i = 0; i < n; i++) p[i] = 1.0 / (1.0 + FastExp.exp(-(a + b * x[i])));
        return p;
    }

    /** {@link #pass} plus the derivative sums that update the Hessian to the final step. */
    private void passWithDerivatives(float[] x, double[] y, int n, double a, double b) {
        pass(x, y, n, a, b);
        double[] p = prob;
        double v0 = 0, vx0 = 0, vxx0 = 0, vxxx0 = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = p[i];
            double v = pi * (1.0 - pi) * (1.0 - 2.0 * pi), vx = v * xi, vxx = vx * xi;
            v0 += v; vx0 += vx; vxx0 += vxx; vxxx0 += vxx * xi;
        }
        sv = v0; svx = vx0; svxx = vxx0; svxxx = vxxx0;
        haveDerivatives = true;
    }

    /**
     * det(XᵀWX) at (a, b) computed around the weighted mean of x, where it is a sum of positive
     * terms: {@code Σw · Σw(x−c)² − (Σw(x−c))²} with the last term near zero. This keeps the
     * standard errors of units like {@code 10⁴ + noise} accurate to ~1e-9 where the direct formula
     * (and statsmodels) keep ~1e-5.
     */
    private double centeredDeterminant(float[] x, int n, double a, double b) {
        double c = swx / sw;
        double[] p = sigmoids(x, n, a, b);
        double w0 = 0, wd = 0, wdd = 0;
        for (int i = 0; i < n; i++) {
            double w = p[i] * (1.0 - p[i]), d = x[i] - c;
            w0 += w;
            wd += w * d;
            wdd += w * d * d;
        }
        return w0 * wdd - wd * wd;
    }

    /**
     * Percent of samples where "p > ½" (the seed's rule) matches the label. p > ½ exactly when
     * the logit is positive, so no sigmoid is needed.
     */
    static double accuracy(float[] x, double[] y, int n, double a, double b) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            // Branch-free "logit > 0" (a branch mispredicts on every other sample of a useless unit):
            // adding 0.0 turns −0.0 into +0.0; then bits − 1 is negative exactly for logit ≤ 0.
            long bits = Double.doubleToRawLongBits((a + b * x[i]) + 0.0);
            int predicted = (int) ((bits - 1) >>> 63) ^ 1;
            hits += 1 - (predicted ^ (int) y[i]);
        }
        return 100.0 * hits / n;
    }
}

package org.interp4j.probe;

/**
 * Newton's method for one unit's logistic regression {@code P(y=1) = σ(intercept + beta·x)},
 * step for step the way statsmodels' {@code Logit(y, add_constant(x)).fit(method="newton")} does it:
 * start at zero, solve {@code (XᵀWX/n + ridge·I) · step = Xᵀ(y − p)/n}, and stop once no parameter
 * changed by more than {@code tol} (or after {@code maxIter} steps). The two parameters and all
 * sums are float64.
 *
 * <p>Each step is one pass over the unit's samples (which sit in L1 cache): the sigmoids, then the
 * five sums the 2×2 system needs. Two steps are had without a pass: at the zero start every
 * probability is exactly ½, so the first step is closed-form; and near convergence a pass also
 * collects derivative sums, from which a Taylor expansion gives the next step, and the Hessian for
 * the standard errors, with a bound on the remainder — the final confirming step (the one that
 * statsmodels finds below tol) then needs no pass if that bound proves it below tol.
 */
final class LogitNewton {
    /**
     * Once a step moves no logit by more than this, the step after next is likely to be below tol
     * (Newton squares the error): the next pass also collects the derivative sums that may let the
     * final step and the final Hessian be had without another pass.
     */
    private static final double NEAR_CONVERGED_MOVE = 0.03;
    /** Predict a step from the derivative sums only after a step that moved no logit by more than this. */
    private static final double PREDICTABLE_MOVE = 1e-3;
    /**
     * Bounds on the Taylor remainders, per sample and per unit of (logit move)^k: the 4th derivative
     * of p over 4! for the score, the 3rd derivative of w (the same function) over 3! for the
     * Hessian; max|p⁽⁴⁾| = 0.1277 (at p ≈ 0.30 and 0.70).
     */
    private static final double SCORE_REMAINDER = 0.128 / 24, HESSIAN_REMAINDER = 0.128 / 6;
    /** Accept a Taylor-updated Hessian if its bound on the p-value's relative error is below this. */
    private static final double HESSIAN_UPDATE_TOLERANCE = 1e-9;
    /**
     * Below this ratio of det(XᵀWX) to the product of its diagonal, the plain determinant has lost
     * more than four digits to cancellation (activations far from zero relative to their spread).
     */
    private static final double ILL_CONDITIONED = 1e-4;

    private final double tol;
    private final int maxIter;
    private final double ridge;
    private final double[] prob;
    /** The unit's activation range, which bounds its logits (see {@link LogisticSigmoids#covers}). */
    private double lo, hi;

    // Sums of the last pass, at (passA, passB): Σw, Σwx, Σwx², Σ(y−p), Σ(y−p)x with w = p(1−p).
    private double sw, swx, swxx, sr, srx;
    private double passA, passB;
    // Derivative sums of a near-converged pass: v = dw/dlogit = w(1−2p), u = d²w/dlogit² = w(1−6w),
    // times x⁰…x³ and x⁰…x⁴.
    private double v0, v1, v2, v3, u0, u1, u2, u3, u4;
    private boolean haveDerivatives;
    // Result of solve().
    private double step0, step1;

    LogitNewton(int samples, double tol, int maxIter, double ridge) {
        this.prob = new double[samples];
        this.tol = tol;
        this.maxIter = maxIter;
        this.ridge = ridge;
    }

    /** Fits one unit whose screening found neither a constant nor separated classes. */
    void fit(double[] x, double[] y, int n, UnitStats s, UnitProbeResult out, int unit) {
        lo = Math.min(s.min0, s.min1);
        hi = Math.max(s.max0, s.max1);
        double a = 0, b = 0;
        int iter = 0;
        boolean moving = true;
        double lastMove = Double.POSITIVE_INFINITY;
        while (iter < maxIter && moving) {
            haveDerivatives = false;
            if (a == 0 && b == 0) atZero(s, n);
            else if (lastMove <= NEAR_CONVERGED_MOVE) passWithDerivatives(x, y, n, a, b);
            else pass(x, y, n, a, b);
            passA = a;
            passB = b;
            solve(sw / n + ridge, swx / n, swxx / n + ridge, sr / n, srx / n);
            double na = a + step0, nb = b + step1;
            double da = na - a, db = nb - b;
            a = na;
            b = nb;
            iter++;
            moving = Math.abs(da) > tol || Math.abs(db) > tol;
            lastMove = s.logitMove(da, db);
            if (moving && haveDerivatives && iter < maxIter && lastMove <= PREDICTABLE_MOVE
                    && predictNextStep(a - passA, b - passB, lastMove, n, s)) {
                // statsmodels would now take one more step, provably below tol: take it from the
                // Taylor expansion around the last pass instead of another pass over the samples.
                na = a + step0;
                nb = b + step1;
                a = na;
                b = nb;
                iter++;
                moving = false;
            }
        }
        boolean finite = Double.isFinite(a) && Double.isFinite(b);
        // Standard errors need the Hessian at the final parameters, which lie a small step beyond
        // the last pass: update it by Taylor expansion if the bound on what that can do to the
        // p-value is negligible, else spend one more pass.
        if (finite && !hessianAt(a - passA, b - passB, n, s)) pass(x, y, n, a, b);
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

    /** Solves the 2×2 system by LU with partial pivoting, as LAPACK's gesv (statsmodels' solver) does. */
    private void solve(double h00, double h01, double h11, double g0, double g1) {
        if (Math.abs(h00) >= Math.abs(h01)) {
            double l = h01 / h00;
            step1 = (g1 - l * g0) / (h11 - l * h01);
            step0 = (g0 - h01 * step1) / h00;
        } else {
            double l = h00 / h01;
            step1 = (g0 - l * g1) / (h01 - l * h11);
            step0 = (g1 - h11 * step1) / h01;
        }
    }

    /**
     * The step statsmodels would take from (passA + da, passB + db), from the Taylor expansion of the
     * score and Hessian around the last pass (score to third order, Hessian to second). Returns true
     * (with the step in step0/step1) only if that step plus a bound on the expansion's remainder is
     * under tol/2 in both parameters, so statsmodels' own step there would be under tol too.
     */
    private boolean predictNextStep(double da, double db, double move, int n, UnitStats s) {
        double h00 = sw + da * v0 + db * v1 + 0.5 * (da * da * u0 + 2 * da * db * u1 + db * db * u2);
        double h01 = swx + da * v1 + db * v2 + 0.5 * (da * da * u1 + 2 * da * db * u2 + db * db * u3);
        double h11 = swxx + da * v2 + db * v3 + 0.5 * (da * da * u2 + 2 * da * db * u3 + db * db * u4);
        // score(θ + Δ) = score − HΔ − ½Σv(Δa+Δb·x)²·(1, x) − ⅙Σu(Δa+Δb·x)³·(1, x) + O(Δ⁴)
        double aa = da * da, ab = da * db, bb = db * db;
        double g0 = sr - (sw * da + swx * db)
                - 0.5 * (aa * v0 + 2 * ab * v1 + bb * v2)
                - (aa * da * u0 + 3 * aa * db * u1 + 3 * da * bb * u2 + bb * db * u3) / 6;
        double g1 = srx - (swx * da + swxx * db)
                - 0.5 * (aa * v1 + 2 * ab * v2 + bb * v3)
                - (aa * da * u1 + 3 * aa * db * u2 + 3 * da * bb * u3 + bb * db * u4) / 6;
        solve(h00 / n + ridge, h01 / n, h11 / n + ridge, g0 / n, g1 / n);
        // Remainder of the score: at most SCORE_REMAINDER·move⁴ per sample, times (1, |x|).
        double e0 = SCORE_REMAINDER * move * move * move * move * n, e1 = e0 * s.maxAbs;
        double det = h00 * h11 - h01 * h01;
        if (!(det > 0)) return false;
        double err0 = (Math.abs(h11) * e0 + Math.abs(h01) * e1) / det;
        double err1 = (Math.abs(h01) * e0 + Math.abs(h00) * e1) / det;
        return Math.abs(step0) + err0 <= 0.5 * tol && Math.abs(step1) + err1 <= 0.5 * tol;
    }

    /**
     * Moves the last pass's Hessian sums to (passA + da, passB + db) by a second-order Taylor update,
     * if the third-order remainder could change the p-value by less than HESSIAN_UPDATE_TOLERANCE
     * (relative); returns false if a fresh pass is needed.
     */
    private boolean hessianAt(double da, double db, int n, UnitStats s) {
        if (da == 0 && db == 0) return true;
        if (!haveDerivatives) return false;
        double move = s.logitMove(da, db);
        double h00 = sw + da * v0 + db * v1 + 0.5 * (da * da * u0 + 2 * da * db * u1 + db * db * u2);
        double h01 = swx + da * v1 + db * v2 + 0.5 * (da * da * u1 + 2 * da * db * u2 + db * db * u3);
        double h11 = swxx + da * v2 + db * v3 + 0.5 * (da * da * u2 + 2 * da * db * u3 + db * db * u4);
        // Each weight is off by at most HESSIAN_REMAINDER·move³; relative to Σw that is n·…/Σw.
        // The p-value's relative error is about (1 + z²) times the relative error of the variance.
        double det = h00 * h11 - h01 * h01;
        double z2 = (passB + db) * (passB + db) * det / h00;
        double conditioning = h00 * h11 / det; // how much the determinant amplifies entry errors
        double bound = HESSIAN_REMAINDER * move * move * move * n / h00 * (1 + s.maxAbs * s.maxAbs * h00 / h11)
                * conditioning * (1 + z2);
        if (!(bound <= HESSIAN_UPDATE_TOLERANCE) || !(det > 0)) return false;
        sw = h00;
        swx = h01;
        swxx = h11;
        return true;
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
     * One pass: the probabilities p = σ(a + b·x) into a buffer, then the five sums. Two loops, not
     * one: the sigmoid loop has no sum in it, so C2 vectorises it ({@link LogisticSigmoids}); the
     * sums stay scalar either way.
     */
    private void pass(double[] x, double[] y, int n, double a, double b) {
        double[] p = sigmoids(x, n, a, b);
        double w0 = 0, wx0 = 0, wxx0 = 0, r0 = 0, rx0 = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = p[i];
            double w = pi * (1.0 - pi), r = y[i] - pi, wx = w * xi;
            w0 += w; wx0 += wx; wxx0 += wx * xi; r0 += r; rx0 += r * xi;
        }
        sw = w0; swx = wx0; swxx = wxx0; sr = r0; srx = rx0;
    }

    private double[] sigmoids(double[] x, int n, double a, double b) {
        double[] p = prob;
        if (LogisticSigmoids.covers(a, b, lo, hi)) LogisticSigmoids.fill(x, n, a, b, p);
        else for (int i = 0; i < n; i++) p[i] = 1.0 / (1.0 + FastExp.exp(-(a + b * x[i])));
        return p;
    }

    /** {@link #pass} plus the derivative sums that carry the score and Hessian a small step further. */
    private void passWithDerivatives(double[] x, double[] y, int n, double a, double b) {
        pass(x, y, n, a, b);
        double[] p = prob;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = p[i];
            double v = pi * (1.0 - pi) * (1.0 - 2.0 * pi), vx = v * xi, vxx = vx * xi;
            s0 += v; s1 += vx; s2 += vxx; s3 += vxx * xi;
        }
        v0 = s0; v1 = s1; v2 = s2; v3 = s3;
        double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = p[i], w = pi * (1.0 - pi);
            double u = w * (1.0 - 6.0 * w), ux = u * xi, uxx = ux * xi, uxxx = uxx * xi;
            t0 += u; t1 += ux; t2 += uxx; t3 += uxxx; t4 += uxxx * xi;
        }
        u0 = t0; u1 = t1; u2 = t2; u3 = t3; u4 = t4;
        haveDerivatives = true;
    }

    /**
     * det(XᵀWX) at (a, b) computed around the weighted mean of x, where it is a sum of positive
     * terms: {@code Σw · Σw(x−c)² − (Σw(x−c))²} with the last term near zero. This keeps the
     * standard errors of units like {@code 10⁴ + noise} accurate to ~1e-9 where the direct formula
     * (and statsmodels) keep ~1e-5.
     */
    private double centeredDeterminant(double[] x, int n, double a, double b) {
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
    static double accuracy(double[] x, double[] y, int n, double a, double b) {
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

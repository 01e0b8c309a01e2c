import java.util.stream.IntStream;
import org.apache.commons.math3.special.Erf;

/**
 * The yardstick: the straightforward Java a student would write, per unit, from statsmodels'
 * description — copy the unit's column, Newton from zero with {@code Math.exp} sigmoids and the five
 * sums in one loop, the same ridge and stopping rule, one more pass for the Hessian at the optimum,
 * Wald p-value and accuracy; units spread over all cores with a parallel stream. No screening for
 * separation or constants, no closed-form first step, no Taylor-predicted last step.
 */
final class PlainNewton {
    private PlainNewton() {}

    /**
     * Fits every unit of x [samples][units]; returns the p-values (to check against the library) and
     * writes each unit's accuracy (percent) into {@code accuracy}.
     */
    static double[] fit(float[][] x, int[] y, double tol, int maxIter, double ridge, double[] accuracy) {
        int n = x.length, units = x[0].length;
        double[] pvalues = new double[units];
        IntStream.range(0, units).parallel().forEach(u -> {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) col[i] = x[i][u];
            double a = 0, b = 0;
            double[] s = new double[5];
            for (int iter = 0; iter < maxIter; iter++) {
                sums(col, y, a, b, s);
                double h00 = s[0] / n + ridge, h01 = s[1] / n, h11 = s[2] / n + ridge;
                double det = h00 * h11 - h01 * h01;
                double da = (h11 * s[3] / n - h01 * s[4] / n) / det, db = (h00 * s[4] / n - h01 * s[3] / n) / det;
                a += da;
                b += db;
                if (Math.abs(da) <= tol && Math.abs(db) <= tol) break;
            }
            sums(col, y, a, b, s);
            double varB = s[0] / (s[0] * s[2] - s[1] * s[1]);
            double z = b / Math.sqrt(varB);
            int hits = 0;
            for (int i = 0; i < n; i++) if ((a + b * col[i] > 0) == (y[i] == 1)) hits++;
            accuracy[u] = 100.0 * hits / n;
            pvalues[u] = Erf.erfc(Math.abs(z) / Math.sqrt(2));
        });
        return pvalues;
    }

    /** Σw, Σwx, Σwx², Σ(y−p), Σ(y−p)x at (a, b), w = p(1−p). */
    private static void sums(double[] x, int[] y, double a, double b, double[] s) {
        double sw = 0, swx = 0, swxx = 0, sr = 0, srx = 0;
        for (int i = 0; i < x.length; i++) {
            double p = 1.0 / (1.0 + Math.exp(-(a + b * x[i])));
            double w = p * (1 - p), r = y[i] - p;
            sw += w;
            swx += w * x[i];
            swxx += w * x[i] * x[i];
            sr += r;
            srx += r * x[i];
        }
        s[0] = sw; s[1] = swx; s[2] = swxx; s[3] = sr; s[4] = srx;
    }
}

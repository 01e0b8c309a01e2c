import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The tensor alternative, for comparison only: the same statsmodels Newton iteration for all units
 * of a layer in lock-step, as DJL float64 NDArray ops on [samples, units]. Converged units are
 * frozen but still computed until the slowest unit of the layer has converged.
 */
final class TensorNewton {
    /** Returns the number of lock-step iterations run. */
    static int fit(float[][] rows, int[] labels, double tol, int maxIter, double ridge) {
        int n = rows.length, units = rows[0].length;
        float[] flat = new float[n * units];
        for (int i = 0; i < n; i++) System.arraycopy(rows[i], 0, flat, i * units, units);
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) yd[i] = labels[i];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat, new Shape(n, units)).toType(DataType.FLOAT64, false);
            NDArray y = m.create(yd, new Shape(n, 1));
            NDArray a = m.zeros(new Shape(units), DataType.FLOAT64);
            NDArray b = m.zeros(new Shape(units), DataType.FLOAT64);
            NDArray active = m.ones(new Shape(units), DataType.BOOLEAN);
            int iter = 0;
            while (iter < maxIter) {
                try (NDManager step = m.newSubManager()) {
                    NDArray eta = x.mul(b).add(a);
                    eta.attach(step);
                    NDArray p = Activation.sigmoid(eta);
                    NDArray w = p.mul(p.neg().add(1.0));
                    NDArray r = y.sub(p);
                    NDArray wx = w.mul(x);
                    NDArray sw = w.sum(new int[] {0}).div(n).add(ridge);
                    NDArray swx = wx.sum(new int[] {0}).div(n);
                    NDArray swxx = wx.mul(x).sum(new int[] {0}).div(n).add(ridge);
                    NDArray g0 = r.sum(new int[] {0}).div(n);
                    NDArray g1 = r.mul(x).sum(new int[] {0}).div(n);
                    NDArray det = sw.mul(swxx).sub(swx.mul(swx));
                    NDArray s0 = swxx.mul(g0).sub(swx.mul(g1)).div(det);
                    NDArray s1 = sw.mul(g1).sub(swx.mul(g0)).div(det);
                    NDArray moved = s0.abs().gt(tol).logicalOr(s1.abs().gt(tol)).logicalAnd(active);
                    NDArray na = a.add(s0.mul(active.toType(DataType.FLOAT64, false)));
                    NDArray nb = b.add(s1.mul(active.toType(DataType.FLOAT64, false)));
                    na.attach(m); nb.attach(m); moved.attach(m);
                    a.close(); b.close(); active.close();
                    a = na; b = nb; active = moved;
                }
                iter++;
                if (!active.any().getBoolean()) break;
            }
            return iter;
        }
    }
}

package org.interp4j.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Where the probe's time goes, phase by phase, in CPU time of one thread (so other processes' load
 * does not blur it). Lives in the probe's package to reach the phases one by one.
 */
public final class ProbePhases {
    /** Phase names, in the order of {@link #measure}'s result. */
    public static final String[] NAMES = {"copy into unit-major blocks", "screening (sums, extremes)",
            "Newton steps + final Hessian", "accuracy", "p-value (Commons Math erfc)"};

    private ProbePhases() {}

    /** CPU nanoseconds of each phase over all units of {@code x}; the last entry is the total Newton iterations. */
    public static long[] measure(float[][] x, int[] labels) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ActivationMatrix m = ActivationMatrix.ofRows(x);
        LabelOrder order = new LabelOrder(UnitProbes.checkLabels(labels, m.samples));
        double[] y = order.labels;
        int n = m.samples, block = 64;
        UnitProbeResult out = UnitProbeResult.allocate(m.units);
        LogitNewton newton = new LogitNewton(n, 1e-8, 3000, 1e-10);
        UnitStats stats = new UnitStats();
        double[][] columns = new double[block][n];
        long copy = 0, screen = 0, fit = 0, acc = 0, pv = 0, iterations = 0;
        double sink = 0;
        for (int first = 0; first < m.units; first += block) {
            int count = Math.min(block, m.units - first);
            long t0 = cpu.getCurrentThreadCpuTime();
            m.copyColumns(first, count, order.rows, columns);
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int k = 0; k < count; k++) stats.measure(columns[k], order.zeros, n);
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int k = 0; k < count; k++) {
                stats.measure(columns[k], order.zeros, n); // cheap; keeps the per-unit stats right for fit
                if (!stats.constant() && stats.separation() == 0) newton.fit(columns[k], y, n, stats, out, first + k);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (int k = 0; k < count; k++) {
                int u = first + k;
                sink += LogitNewton.accuracy(columns[k], y, n, out.intercept()[u], out.beta()[u]);
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            for (int k = 0; k < count; k++) sink += NormalTail.twoSided(out.z()[first + k]);
            long t5 = cpu.getCurrentThreadCpuTime();
            copy += t1 - t0;
            screen += t2 - t1;
            fit += t3 - t2;
            acc += t4 - t3;
            pv += t5 - t4;
            for (int k = 0; k < count; k++) iterations += out.iterations()[first + k];
        }
        if (sink == 42) System.out.print(""); // keep the measured work alive
        // fit included a second screening, one accuracy and one p-value per unit: take them out.
        return new long[] {copy, screen, fit - screen - acc - pv, acc, pv, iterations};
    }
}

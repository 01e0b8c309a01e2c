import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.interp4j.io.Npy;
import org.interp4j.probe.ProbePhases;
import org.interp4j.probe.UnitProbeResult;
import org.interp4j.probe.UnitProbes;

/**
 * Times interp4j's per-unit probe on GPT-2-sized problems and prints it beside the statsmodels loop.
 *   sample DIR N          write y.npy and the first N units of each problem's layer 0 (for Python)
 *   time SM_SMALL SM_LARGE CPU_SMALL CPU_LARGE   time the lib against the statsmodels seconds per unit
 *                         (wall and CPU) measured in Python, and against a plain per-unit Java Newton
 *                         loop ({@link PlainNewton}) on the same threads and data
 */
public final class ProbeBench {
    record Problem(String name, long seed, int layers, int units) {}

    static final Problem[] PROBLEMS = {
            new Problem("gpt2-small (12 x 2304)", 1, 12, 2304),
            new Problem("gpt2-large (36 x 3840)", 2, 36, 3840),
    };

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args[0].equals("sample")) sample(Path.of(args[1]), Integer.parseInt(args[2]));
        else time(new double[] {Double.parseDouble(args[1]), Double.parseDouble(args[2]),
                Double.parseDouble(args[3]), Double.parseDouble(args[4])});
    }

    static void sample(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        int[] y = SyntheticLayers.labels();
        long[] yl = new long[y.length];
        for (int i = 0; i < y.length; i++) yl[i] = y[i];
        Npy.writeLongs(dir.resolve("y.npy"), yl, yl.length);
        for (int p = 0; p < PROBLEMS.length; p++) {
            float[][] x = SyntheticLayers.layer(PROBLEMS[p].seed(), 0, PROBLEMS[p].units());
            float[] flat = new float[x.length * n];
            for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, flat, i * n, n);
            Npy.writeFloats(dir.resolve("sample_" + p + ".npy"), flat, x.length, n);
        }
    }

    static void time(double[] sm) {
        double[] smWall = {sm[0], sm[1]}, smCpu = {sm[2], sm[3]};
        int[] y = SyntheticLayers.labels();
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        // CPU seconds of the whole process (all threads) beside wall seconds: on a shared machine the
        // wall clock also measures the other processes.
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // Warm up the JIT on one layer of each size.
        for (Problem p : PROBLEMS) {
            float[][] x = SyntheticLayers.layer(p.seed() + 99, 0, p.units());
            for (int k = 0; k < 3; k++) {
                UnitProbes.fit(x, y);
                PlainNewton.fit(x, y, 1e-8, 3000, 1e-10, new double[p.units()]);
            }
        }
        StringBuilder table = new StringBuilder(), detail = new StringBuilder();
        table.append(String.format("%-24s %7s %15s %13s %12s %9s %10s %14s %13s %16s%n", "problem", "units",
                "statsmodels s", "plain Java s", "interp4j s", "speed-up", "vs plain", "vs plain, CPU", "CPU speed-up",
                "DJL lock-step s"));
        for (int pi = 0; pi < PROBLEMS.length; pi++) {
            Problem p = PROBLEMS[pi];
            long fitNs = 0, plainNs = 0, fitCpu = 0, plainCpu = 0, iterations = 0, separated = 0, notConverged = 0, significant = 0;
            long convertNs = 0, cpuLayerUnits = 0, cpuLayerIters = 0;
            long[] phases = new long[ProbePhases.NAMES.length];
            double tensorNs = 0, worstP = 0;
            int accuracyMismatches = 0;
            int tensorIters = 0;
            for (int l = 0; l < p.layers(); l++) {
                float[][] x = SyntheticLayers.layer(p.seed(), l, p.units());
                long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                UnitProbeResult r = UnitProbes.fit(x, y);
                fitNs += System.nanoTime() - t0;
                fitCpu += os.getProcessCpuTime() - c0;
                double[] plainAccuracy = new double[p.units()];
                long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
                double[] plainP = PlainNewton.fit(x, y, 1e-8, 3000, 1e-10, plainAccuracy);
                plainNs += System.nanoTime() - t1;
                plainCpu += os.getProcessCpuTime() - c1;
                for (int u = 0; u < p.units(); u++) {
                    double lp = r.pValue()[u];
                    if (lp > 1e-300) worstP = Math.max(worstP, Math.abs(plainP[u] - lp) / lp);
                    if (plainAccuracy[u] != r.accuracy()[u]) accuracyMismatches++;
                }
                for (int u = 0; u < p.units(); u++) {
                    iterations += r.iterations()[u];
                    if (r.perfectlySeparated()[u]) separated++;
                    if (!r.converged()[u]) notConverged++;
                }
                for (boolean b : r.bonferroniMask()) if (b) significant++;
                if (l < 3) {
                    long[] phase = ProbePhases.measure(x, y);
                    for (int k = 0; k < phases.length; k++) phases[k] += phase[k];
                    cpuLayerUnits += p.units();
                    cpuLayerIters += phase[phases.length];
                }
                if (l == 0) {
                    convertNs = timeNdArrayConversion(x) * p.layers();
                    long s = System.nanoTime();
                    tensorIters = TensorNewton.fit(x, y, 1e-8, 3000, 1e-10);
                    tensorNs = (System.nanoTime() - s) * (double) p.layers();
                }
            }
            long units = (long) p.layers() * p.units();
            double lib = fitNs / 1e9, plain = plainNs / 1e9, smTotal = smWall[pi] * units;
            long cpuTotal = 0;
            for (long v : phases) cpuTotal += v;
            double cpuPerUnit = cpuTotal / 1e9 / cpuLayerUnits;
            table.append(String.format("%-24s %7d %15.1f %13.3f %12.3f %8.0fx %9.1fx %13.1fx %12.0fx %16.1f%n", p.name(), units,
                    smTotal, plain, lib, smTotal / lib, plain / lib, plainCpu / (double) fitCpu, smCpu[pi] / cpuPerUnit,
                    tensorNs / 1e9));
            detail.append(String.format("%s: mean %.2f Newton iterations per unit (statsmodels' count), %d separated, "
                            + "%d not converged, %d Bonferroni-positive units%n",
                    p.name(), iterations / (double) units, separated, notConverged, significant));
            detail.append(String.format("  plain Java loop (PlainNewton, %d threads): %.3f s; its p-values differ from interp4j's by at most "
                    + "%.1e relative, its accuracies on %d units%n", threads, plain, worstP, accuracyMismatches));
            detail.append(String.format("  wall: %.3f s in all = %.1f us per unit = %.1f ms per layer-wide Newton iteration%n",
                    lib, fitNs / 1e3 / units, fitNs / 1e6 / p.layers() / (iterations / (double) units)));
            StringBuilder parts = new StringBuilder();
            for (int k = 0; k < phases.length; k++) {
                parts.append(String.format("%s%s %.2f us", k == 0 ? "" : ", ", ProbePhases.NAMES[k], phases[k] / 1e3 / cpuLayerUnits));
            }
            detail.append(String.format("  CPU per unit, one thread (layers 0-2): %.1f us = %s%n", cpuTotal / 1e3 / cpuLayerUnits, parts));
            detail.append(String.format("  Newton: %.2f us per iteration (statsmodels' count; step 1 is closed-form and the last one "
                            + "is usually Taylor-predicted, so neither needs a pass over the samples)%n",
                    phases[2] / 1e3 / cpuLayerIters));
            detail.append(String.format("  conversion: a float64 NDArray input adds %.3f s (to Java floats, all layers)%n",
                    convertNs / 1e9));
            detail.append(String.format("  DJL float64 lock-step Newton on [600, %d] tensors: %.1f s for layer 0 x %d layers "
                            + "(%d lock-step iterations)%n",
                    p.units(), tensorNs / 1e9, p.layers(), tensorIters));
        }
        System.out.print(table);
        System.out.printf("speed-up = statsmodels wall / interp4j wall (interp4j on %d threads of %d cores, statsmodels on one);%n"
                        + "vs plain = plain per-unit Java Newton loop wall (PlainNewton.java, same threads) / interp4j wall;%n"
                        + "vs plain, CPU = the same ratio in CPU seconds of all threads (steadier when other jobs share the cores);%n"
                        + "CPU speed-up = statsmodels CPU s per unit / interp4j single-thread CPU s per unit.%n%n",
                threads, Runtime.getRuntime().availableProcessors());
        System.out.print(detail);
    }

    private static long timeNdArrayConversion(float[][] x) {
        int n = x.length, units = x[0].length;
        float[] flat = new float[n * units];
        for (int i = 0; i < n; i++) System.arraycopy(x[i], 0, flat, i * units, units);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nd = m.create(flat, new Shape(n, units)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            long best = Long.MAX_VALUE;
            for (int k = 0; k < 3; k++) {
                long s = System.nanoTime();
                float[] back = nd.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                best = Math.min(best, System.nanoTime() - s);
                if (back.length != flat.length) throw new IllegalStateException();
            }
            return best;
        }
    }
}

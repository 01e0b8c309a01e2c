import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.interp4j.expertise.AveragePrecision;
import org.interp4j.expertise.FloatRadixSort;
import org.interp4j.io.Npy;

/**
 * Times average precision of every unit two ways on the same data: a plain Java baseline (copy
 * the unit's column, Arrays.sort, sweep; one unit after another) and the library. Prints one
 * JSON line of timings and writes both AP vectors, for bench.py to check and tabulate.
 *
 * <p>Usage: java -cp interp4j.jar:lib/* ApBenchmark.java X.npy y.npy outdir repeats
 */
public final class ApBenchmark {

    public static void main(String[] args) throws IOException {
        Path xFile = Path.of(args[0]), yFile = Path.of(args[1]), outDir = Path.of(args[2]);
        int repeats = Integer.parseInt(args[3]);
        int[] shape = new int[2];
        float[] x = readFloatMatrix(xFile, shape);
        int samples = shape[0], units = shape[1];
        long[] yl = Npy.read(yFile).toLongs();
        int[] y = new int[yl.length];
        for (int i = 0; i < y.length; i++) y[i] = (int) yl[i];

        // CPU seconds of the whole JVM (all threads) next to wall seconds: on a shared machine the
        // wall clock also measures the other processes.
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
        double[] base = baseline(x, samples, units, y);
        double baselineSeconds = (System.nanoTime() - t0) / 1e9;
        double baselineCpu = (os.getProcessCpuTime() - c0) / 1e9;

        double[] times = new double[repeats], cpu = new double[repeats];
        double[] lib = null;
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime(), c = os.getProcessCpuTime();
            lib = AveragePrecision.compute(x, samples, units, y);
            times[r] = (System.nanoTime() - t) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c) / 1e9;
        }
        Npy.writeDoubles(outDir.resolve("ap_java_baseline.npy"), base, units);
        Npy.writeDoubles(outDir.resolve("ap_java_lib.npy"), lib, units);
        System.out.printf(Locale.ROOT,
                "{\"baseline_s\": %.4f, \"baseline_cpu\": %.4f, \"lib_s\": %s, \"lib_cpu\": %s, \"threads\": %d}%n",
                baselineSeconds, baselineCpu, Arrays.toString(times), Arrays.toString(cpu),
                Runtime.getRuntime().availableProcessors());
    }

    /** The obvious single-threaded Java: per unit, pack (score key, label) into longs, Arrays.sort, sweep. */
    static double[] baseline(float[] x, int samples, int units, int[] y) {
        double[] ap = new double[units];
        long[] packed = new long[samples];
        int positives = 0;
        for (int v : y) positives += v;
        for (int u = 0; u < units; u++) {
            for (int s = 0; s < samples; s++) {
                int key = FloatRadixSort.sortableKey(x[s * units + u] + 0.0f);
                packed[s] = ((key & 0xffffffffL) << 1) | y[s];
            }
            Arrays.sort(packed); // keys are < 2^33, so signed order is their order
            double sum = 0;
            int tp = 0, tpBefore = 0, i = samples - 1;
            while (i >= 0) {
                long key = packed[i] >>> 1;
                do {
                    tp += (int) (packed[i] & 1);
                    i--;
                } while (i >= 0 && (packed[i] >>> 1) == key);
                if (tp != tpBefore) {
                    sum += (double) (tp - tpBefore) * tp / (samples - 1 - i);
                    tpBefore = tp;
                }
            }
            ap[u] = sum / positives;
        }
        return ap;
    }

    /** Memory-maps a little-endian float32 .npy straight into a float[] (it is too big to read as doubles). */
    static float[] readFloatMatrix(Path file, int[] shape) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            int headerLen = Short.toUnsignedInt(m.getShort(8));
            byte[] header = new byte[headerLen];
            m.get(10, header);
            String h = new String(header, StandardCharsets.ISO_8859_1);
            if (!h.contains("'<f4'")) throw new IllegalArgumentException(file + " is not float32: " + h);
            Matcher sm = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(h);
            if (!sm.find()) throw new IllegalArgumentException(file + " is not 2-D: " + h);
            shape[0] = Integer.parseInt(sm.group(1));
            shape[1] = Integer.parseInt(sm.group(2));
            float[] x = new float[Math.multiplyExact(shape[0], shape[1])];
            m.position(10 + headerLen);
            m.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(x);
            return x;
        }
    }
}

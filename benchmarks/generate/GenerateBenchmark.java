import ai.djl.pytorch.jni.JniUtils;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.interp4j.io.Npy;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;

/**
 * The library side of the generation benchmark, driven line by line by bench.py so its runs
 * interleave with HF transformers' {@code generate} (both see the same drift in machine load).
 * <pre>
 * threads                            → "intra N interop M"
 * load NAME SPEC                     → "ok": loads a model (folder or .gguf)
 * time NAME IDS.npy NEW batch|rows greedy|sample
 *                                    → "WALL CPU": generation of NEW tokens for every row of IDS
 *                                      [batch, pos] (int64), as one batch or one row at a time, greedy
 *                                      or sampled (temperature 0.8, top-k 50, row i seeded with i)
 * tokens NAME IDS.npy NEW OUT.npy    → "ok": the generated ids [batch, NEW] (int64), to compare with HF
 * quit
 * </pre>
 * Run: java -cp lib/target/interp4j.jar GenerateBenchmark.java
 */
public final class GenerateBenchmark {
    public static void main(String[] args) throws Exception {
        Map<String, LanguageModel> models = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "threads" -> {
                    ai.djl.engine.Engine.getEngine("PyTorch");
                    reply("intra " + JniUtils.getNumThreads() + " interop " + JniUtils.getNumInteropThreads());
                }
                case "load" -> {
                    models.put(w[1], LanguageModel.load(w[2]));
                    reply("ok");
                }
                case "time" -> {
                    LanguageModel m = models.get(w[1]);
                    long[][] ids = ids(Path.of(w[2]));
                    int n = Integer.parseInt(w[3]);
                    boolean sample = w.length > 5 && w[5].equals("sample");
                    GenerateOptions o = sample ? GenerateOptions.sampling(n, 0.8, 0).withTopK(50).ignoringEos()
                            : GenerateOptions.greedy(n).ignoringEos();
                    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                    long cpu = os.getProcessCpuTime(), start = System.nanoTime();
                    if (w[4].equals("batch")) {
                        m.generate(ids, o);
                    } else {
                        for (int i = 0; i < ids.length; i++) m.generate(new long[][] {ids[i]}, o.withSeed(i));
                    }
                    reply(String.format(Locale.ROOT, "%.4f %.4f", (System.nanoTime() - start) / 1e9,
                            (os.getProcessCpuTime() - cpu) / 1e9));
                }
                case "tokens" -> {
                    LanguageModel m = models.get(w[1]);
                    int n = Integer.parseInt(w[3]);
                    long[][] out = m.generate(ids(Path.of(w[2])), GenerateOptions.greedy(n).ignoringEos());
                    long[] flat = new long[out.length * n];
                    for (int i = 0; i < out.length; i++) System.arraycopy(out[i], 0, flat, i * n, n);
                    Npy.writeLongs(Path.of(w[4]), flat, out.length, n);
                    reply("ok");
                }
                case "quit" -> {
                    models.values().forEach(LanguageModel::close);
                    return;
                }
                default -> reply("error unknown command " + w[0]);
            }
        }
    }

    private static long[][] ids(Path npy) throws java.io.IOException {
        Npy.Array a = Npy.read(npy);
        long[] flat = a.toLongs();
        int b = a.dim(0), p = a.dim(1);
        long[][] rows = new long[b][p];
        for (int i = 0; i < b; i++) System.arraycopy(flat, i * p, rows[i], 0, p);
        return rows;
    }

    private static void reply(String s) {
        System.out.println("@@ " + s);
        System.out.flush();
    }
}

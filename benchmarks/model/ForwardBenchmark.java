import ai.djl.ndarray.NDArray;
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
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * The library side of the forward benchmark, driven line by line by bench.py so that its runs
 * interleave with the HF transformers runs (on a shared machine the load drifts; interleaving
 * makes both sides see the same drift). Commands, one per line, each answered with one line:
 * <pre>
 * threads                        → "intra N interop M": PyTorch's thread counts inside this JVM
 * load NAME SPEC IDS.npy         → "ok H": loads a model (folder or .gguf) and its ids [batch, pos]; H hook points
 * time NAME plain|cache          → "WALL CPU": seconds of one run (cache: runWithCache of every hook point),
 *                                  CPU seconds of all the JVM's threads
 * logits NAME OUT.npy            → "ok": writes the last position's logits [batch, vocab]
 * quit
 * </pre>
 * Run: java -cp lib/target/interp4j.jar ForwardBenchmark.java
 */
public final class ForwardBenchmark {
    private record Loaded(LanguageModel model, Batch batch) {}

    public static void main(String[] args) throws Exception {
        Map<String, Loaded> models = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "threads" -> {
                    ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library
                    reply("intra " + JniUtils.getNumThreads() + " interop " + JniUtils.getNumInteropThreads());
                }
                case "load" -> {
                    LanguageModel model = LanguageModel.load(w[2]);
                    models.put(w[1], new Loaded(model, batch(Path.of(w[3]))));
                    reply("ok " + model.hookPoints().size());
                }
                case "time" -> reply(seconds(models.get(w[1]), w[2].equals("cache")));
                case "logits" -> {
                    Loaded m = models.get(w[1]);
                    try (ModelOutput out = m.model().run(m.batch())) {
                        NDArray last = out.logits().get(":, -1, :");
                        Npy.writeFloats(Path.of(w[2]), last.toFloatArray(), last.getShape().getShape());
                    }
                    reply("ok");
                }
                case "quit" -> {
                    models.values().forEach(m -> m.model().close());
                    return;
                }
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Wall and CPU seconds of one forward pass; the output's native memory is freed after the clocks stop. */
    private static String seconds(Loaded m, boolean cacheEverything) {
        long start = System.nanoTime(), cpu = OS.getProcessCpuTime();
        ModelOutput out = cacheEverything ? m.model().runWithCache(m.batch()) : m.model().run(m.batch());
        double wall = (System.nanoTime() - start) / 1e9, cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
        out.close();
        return String.format(Locale.ROOT, "%.6f %.6f", wall, cpuSeconds);
    }

    private static Batch batch(Path idsFile) throws Exception {
        Npy.Array a = Npy.read(idsFile);
        long[] flat = a.toLongs();
        int rows = (int) a.shape()[0], cols = (int) a.shape()[1];
        long[][] ids = new long[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, ids[i], 0, cols);
        return Batch.of(ids, 0, Batch.Side.RIGHT);
    }

    private static void reply(String s) {
        System.out.println("@@ " + s); // marked: engine log lines may share stdout
        System.out.flush();
    }
}

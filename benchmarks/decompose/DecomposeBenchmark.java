import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.interp4j.decompose.Decomposer;
import org.interp4j.decompose.Decomposition;
import org.interp4j.model.LanguageModel;

/**
 * Decomposes the first N tokens of datasets/decompose/articles.txt with the default model and
 * prints one table row: tokens, length, seconds, peak RSS of this process and the error of the
 * sum of parts. Run once per size (a fresh JVM each time) so the peak belongs to that size.
 */
public class DecomposeBenchmark {
    public static void main(String[] args) throws Exception {
        int tokens = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        String text = String.join(" ", Files.readAllLines(Path.of("datasets/decompose/articles.txt")).stream()
                .filter(l -> !l.strip().equals("!ARTICLE")).toList());
        try (LanguageModel model = LanguageModel.load("smollm2-135m")) {
            long[] ids = Arrays.copyOf(model.tokenize(text), tokens);
            long rssBefore = peakRssMb();
            long start = System.nanoTime();
            double error;
            long[] shape;
            try (Decomposition d = Decomposer.decompose(model, new long[][] {ids}, length)) {
                error = d.maxAbsError();
                shape = d.parts().getShape().getShape();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.out.printf("| %6d | %6d | %8.1f | %9d | %13d | %9d | %8.1e | %s |%n", tokens, length, seconds, rssBefore,
                    peakRssMb(), (rt.totalMemory() - rt.freeMemory()) >> 20, error, Arrays.toString(shape));
        }
    }

    /** VmHWM: the most resident memory (Java heap and native) this process has held so far, in MB. */
    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
        }
        return -1;
    }
}

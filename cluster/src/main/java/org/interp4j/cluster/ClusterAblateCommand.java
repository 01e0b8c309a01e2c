package org.interp4j.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.interp4j.cli.AblationOptions;
import org.interp4j.ablate.NeuronEffects;
import org.interp4j.data.BrownCorpus;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j-cluster ablate}: {@code interp4j ablate} with the neurons split into consecutive slices,
 * one Spark task each; the driver writes the joined table, the same CSV as the unsplit command's.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = {"Mean- or zero-ablate the neurons of an MLP layer, split over Spark tasks; writes the CSV of interp4j ablate.",
            "Progress goes to stderr."})
public final class ClusterAblateCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, defaultValue = "smollm2-135m",
            description = "Model: name, hub id, folder or .gguf file that the driver and every executor can load (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    AblationOptions ablation = new AblationOptions();

    @Option(names = "--neurons", split = ",", paramLabel = "N|A-B", description = "Only these neurons, e.g. 0-1535 or 3,7,12 (default: all).")
    List<String> neurons;

    @Option(names = "--partitions", paramLabel = "N", description = "Slices of the neurons, one task each (default: Spark's parallelism).")
    Integer partitions;

    @Option(names = "--datasets", paramLabel = "DIR",
            description = "The kit's datasets/ folder as every executor sees it (default: found as interp4j ablate finds it).")
    Path datasets;

    @Option(names = "--out", required = true, paramLabel = "effects.csv", description = "Where to write the table.")
    Path out;

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NeuronEffects.Mode m = ablation.mode();
        int contexts = ablation.contexts;
        if (contexts < 1) throw new IllegalArgumentException("--contexts must be at least 1, got " + contexts + ".");
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions + ".");
        }
        Path data = (datasets != null ? BrownCorpus.at(datasets).dir() : BrownCorpus.datasetsDir()).toAbsolutePath().normalize();
        AblationPart part = new AblationPart(model, ablation.layer, contexts, m, data.toString());
        int[] chosen;
        // The driver loads the model once to check the layer and neurons before any task starts.
        try (LanguageModel lm = LanguageModel.load(model)) {
            NeuronEffects check = part.configured(lm);
            chosen = neurons != null ? NeuronSplit.parse(neurons) : IntStream.range(0, lm.config().dMlp()).toArray();
            check.neurons(chosen);
        }
        long t0 = System.nanoTime();
        String csv;
        try (JavaSparkContext sc = spark.start("interp4j ablate")) {
            int n = partitions != null ? partitions : sc.defaultParallelism();
            csv = AblateJob.run(sc, part, NeuronSplit.split(chosen, n), spec.commandLine().getErr());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(out, csv, StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d neurons (%d contexts) in %.1f s -> %s%n",
                chosen.length, contexts, (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }
}

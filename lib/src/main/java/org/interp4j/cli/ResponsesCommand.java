package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.data.ConceptSet;
import org.interp4j.expertise.ResponsesMatrix;
import org.interp4j.expertise.ResponsesPooling;
import org.interp4j.expertise.ResponsesRecorder;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code interp4j responses}: pooled responses of chosen units to a concept's sentences, saved as
 * {@code X.npy} (+ its layout sidecar) and labels {@code y.npy}, like the original's
 * {@code compute_responses.py}. The output feeds {@code interp4j expertise}.
 */
@Command(name = "responses", mixinStandardHelpOptions = true,
        description = "Record pooled unit responses to a concept's positive and negative sentences as .npy files.")
public final class ResponsesCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "smollm2-135m", description = "Model name, folder, .gguf or hub id (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--concept", required = true, description = "Concept set in datasets/concepts, e.g. sport, food, colour.")
    String concept;

    @Option(names = "--points", defaultValue = "blocks.*.mlp.hook_post", split = ",",
            description = "Hook points or patterns to record (default: ${DEFAULT-VALUE}, the MLP neurons).")
    List<String> points;

    @Option(names = "--pooling", defaultValue = "max", description = "max (expert units), mean (transport maps) or last (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--out", required = true, paramLabel = "X.npy", description = "Responses [samples, units], float32.")
    Path out;

    @Option(names = "--labels", paramLabel = "y.npy", description = "Labels (1: concept, 0: not); default: y.npy next to --out.")
    Path labels;

    @Option(names = "--expertise", paramLabel = "expertise.csv",
            description = "Also write the expertise table of every unit (layers named by hook point).")
    Path expertise;

    @Option(names = "--per-class", paramLabel = "N", description = "Use only the first N positives and N negatives.")
    Integer perClass;

    @Option(names = "--batch-size", defaultValue = "16")
    int batchSize;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Sentences are cut to this many tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--quiet", description = "Do not print progress.")
    boolean quiet;

    @Option(names = "--revision", defaultValue = "main")
    String revision;

    @Override
    public Integer call() throws IOException {
        ResponsesPooling pool = ResponsesPooling.parse(pooling);
        ConceptSet c = ConceptSet.load(concept);
        List<ConceptSet.Example> pos = c.positives(), neg = c.negatives();
        if (perClass != null) {
            if (perClass < 1) throw new IllegalArgumentException("--per-class must be at least 1, got " + perClass + ".");
            pos = pos.subList(0, Math.min(perClass, pos.size()));
            neg = neg.subList(0, Math.min(perClass, neg.size()));
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept + " has " + pos.size() + " positive and " + neg.size()
                    + " negative examples: expertise needs sentences with and without the concept.");
        }
        List<String> texts = new ArrayList<>();
        int[] y = new int[pos.size() + neg.size()];
        for (int i = 0; i < pos.size(); i++) {
            texts.add(pos.get(i).text());
            y[i] = 1;
        }
        for (ConceptSet.Example e : neg) texts.add(e.text());
        try (LanguageModel m = LanguageModel.load(model, revision)) {
            ResponsesRecorder rec = ResponsesRecorder.of(m, points.toArray(String[]::new)).pooling(pool)
                    .batchSize(batchSize).maxTokens(maxTokens).progress(quiet ? null : System.err);
            long t0 = System.nanoTime();
            ResponsesMatrix x = rec.record(texts);
            x.save(out);
            Path labelFile = labels != null ? labels : out.toAbsolutePath().resolveSibling("y.npy");
            ResponsesMatrix.saveLabels(labelFile, y);
            if (expertise != null) x.expertise(y).writeCsv(expertise, concept, "");
            System.out.printf(Locale.ROOT, "%d sentences (%d with %s) x %d units in %d layers, %s-pooled, %.1f s -> %s, %s%n",
                    x.samples(), pos.size(), concept, x.units(), x.layout().layers(), pool.name().toLowerCase(Locale.ROOT),
                    (System.nanoTime() - t0) / 1e9, out, labelFile);
        }
        return 0;
    }
}

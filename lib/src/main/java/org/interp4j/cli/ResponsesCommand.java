package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.data.ConceptSet;
import org.interp4j.expertise.Expertise;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interp4j responses}: pooled responses of chosen units to a concept's sentences, saved as
 * {@code X.npy} (+ its layout sidecar) and labels {@code y.npy}, like the original's
 * {@code compute_responses.py}. The output feeds {@code interp4j expertise}.
 */
@Command(name = "responses", mixinStandardHelpOptions = true,
        description = "Record pooled unit responses to a concept's positive and negative sentences as .npy files.")
public final class ResponsesCommand implements Callable<Integer> {

    @Mixin
    ConceptRunOptions run;

    @Option(names = "--pooling", defaultValue = "max", description = "max (expert units), mean (transport maps) or last (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--out", required = true, paramLabel = "X.npy", description = "Responses [samples, units], float32.")
    Path out;

    @Option(names = "--labels", paramLabel = "y.npy", description = "Labels (1: concept, 0: not); default: y.npy next to --out.")
    Path labels;

    @Option(names = "--expertise", paramLabel = "expertise.csv",
            description = "Also write the expertise table of every unit (layers named by hook point).")
    Path expertise;

    @Option(names = "--quiet", description = "Do not print progress.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        ResponsesPooling pool = ResponsesPooling.parse(pooling);
        ConceptRunOptions.Sentences sentences = run.sentences("expertise");
        List<ConceptSet.Example> pos = sentences.positives(), neg = sentences.negatives();
        List<String> texts = new ArrayList<>();
        int[] y = new int[pos.size() + neg.size()];
        for (int i = 0; i < pos.size(); i++) {
            texts.add(pos.get(i).text());
            y[i] = 1;
        }
        for (ConceptSet.Example e : neg) texts.add(e.text());
        try (LanguageModel m = run.model.load()) {
            ResponsesRecorder rec = ResponsesRecorder.of(m, run.pointArray()).pooling(pool)
                    .batchSize(run.batchSize).maxTokens(run.maxTokens).progress(quiet ? null : System.err);
            long t0 = System.nanoTime();
            ResponsesMatrix x = rec.record(texts);
            x.save(out);
            Path labelFile = labels != null ? labels : out.toAbsolutePath().resolveSibling("y.npy");
            ResponsesMatrix.saveLabels(labelFile, y);
            if (expertise != null) Expertise.compute(x, y).writeCsv(expertise, run.concept, "");
            System.out.printf(Locale.ROOT, "%d sentences (%d with %s) x %d units in %d layers, %s-pooled, %.1f s -> %s, %s%n",
                    x.samples(), pos.size(), run.concept, x.units(), x.layout().layers(), pool.name().toLowerCase(Locale.ROOT),
                    (System.nanoTime() - t0) / 1e9, out, labelFile);
        }
        return 0;
    }
}

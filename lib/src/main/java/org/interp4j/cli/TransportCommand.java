package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.data.ConceptSet;
import org.interp4j.expertise.ResponsesPooling;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.LinearAct;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code interp4j transport}: fits a Linear-AcT map from a concept's negative sentences (source)
 * to its positive sentences (target), at once or layer by layer, and saves it for {@code steer --act}.
 */
@Command(name = "transport", mixinStandardHelpOptions = true,
        description = "Fit a Linear-AcT transport map towards a concept and save it as .npy (+ layout sidecar).")
public final class TransportCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "smollm2-135m", description = "Model name, folder, .gguf or hub id (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--concept", required = true, description = "Concept set in datasets/concepts, e.g. sport.")
    String concept;

    @Option(names = "--points", defaultValue = "blocks.*.mlp.hook_post", split = ",",
            description = "Hook points or patterns to transport (default: ${DEFAULT-VALUE}).")
    List<String> points;

    @Option(names = "--mode", defaultValue = "atonce", description = "atonce, or incr (layer by layer) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--pooling", defaultValue = "mean", description = "Token pooling of the fitted responses (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--per-class", paramLabel = "N", description = "Use only the first N positives and N negatives.")
    Integer perClass;

    @Option(names = "--batch-size", defaultValue = "16")
    int batchSize;

    @Option(names = "--max-tokens", defaultValue = "64")
    int maxTokens;

    @Option(names = "--out", required = true, paramLabel = "act.npy")
    Path out;

    @Option(names = "--revision", defaultValue = "main")
    String revision;

    @Override
    public Integer call() throws IOException {
        LinearAct.Mode m = LinearAct.Mode.parse(mode);
        ResponsesPooling pool = ResponsesPooling.parse(pooling);
        ConceptSet c = ConceptSet.load(concept);
        List<ConceptSet.Example> pos = c.positives(), neg = c.negatives();
        if (perClass != null) {
            pos = pos.subList(0, Math.min(perClass, pos.size()));
            neg = neg.subList(0, Math.min(perClass, neg.size()));
        }
        if (pos.isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept + " has no positive examples: a transport map towards it "
                    + "needs sentences that mention it.");
        }
        if (neg.isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept + " has no negative examples to transport from.");
        }
        try (LanguageModel lm = LanguageModel.load(model, revision)) {
            long t0 = System.nanoTime();
            TransportMap map = LinearAct.on(lm, points.toArray(String[]::new)).mode(m).pooling(pool)
                    .batchSize(batchSize).maxTokens(maxTokens).progress(System.err)
                    .fit(neg.stream().map(ConceptSet.Example::text).toList(), pos.stream().map(ConceptSet.Example::text).toList());
            map.save(out);
            System.out.printf(Locale.ROOT, "transport map of %d units in %d layers (%s, %d source -> %d target sentences), %.1f s -> %s%n",
                    map.layout().units(), map.layout().layers(), mode, neg.size(), pos.size(), (System.nanoTime() - t0) / 1e9, out);
        }
        return 0;
    }
}

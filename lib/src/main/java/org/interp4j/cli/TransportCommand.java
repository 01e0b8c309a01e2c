package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.expertise.ResponsesPooling;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.LinearAct;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interp4j transport}: fits a Linear-AcT map from a concept's negative sentences (source)
 * to its positive sentences (target), at once or layer by layer, and saves it for {@code steer --act}.
 */
@Command(name = "transport", mixinStandardHelpOptions = true,
        description = "Fit a Linear-AcT transport map towards a concept and save it as .npy (+ layout sidecar).")
public final class TransportCommand implements Callable<Integer> {

    @Mixin
    ConceptRunOptions run;

    @Option(names = "--mode", defaultValue = "atonce", description = "atonce, or incr (layer by layer) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--pooling", defaultValue = "mean", description = "Token pooling of the fitted responses (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--out", required = true, paramLabel = "act.npy")
    Path out;

    @Override
    public Integer call() throws IOException {
        LinearAct.Mode m = LinearAct.Mode.parse(mode);
        ResponsesPooling pool = ResponsesPooling.parse(pooling);
        ConceptRunOptions.Sentences sentences = run.sentences("a transport map (from sentences without it to sentences with it)");
        try (LanguageModel lm = LanguageModel.load(run.model, run.revision)) {
            long t0 = System.nanoTime();
            TransportMap map = LinearAct.on(lm, run.pointArray()).mode(m).pooling(pool)
                    .batchSize(run.batchSize).maxTokens(run.maxTokens).progress(System.err)
                    .fit(sentences.negativeTexts(), sentences.positiveTexts());
            map.save(out);
            System.out.printf(Locale.ROOT, "transport map of %d units in %d layers (%s, %d source -> %d target sentences), %.1f s -> %s%n",
                    map.layout().units(), map.layout().layers(), mode, sentences.negatives().size(), sentences.positives().size(), (System.nanoTime() - t0) / 1e9, out);
        }
        return 0;
    }
}

package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.LinearAct;
import org.interp4j.steer.Support;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interp4j transport}: fits a Linear-AcT map from a concept's negative sentences (source)
 * to its positive sentences (target) and saves it for {@code steer --act}. Defaults are ml-act's
 * {@code linear_ot.yaml}: layer by layer ({@code incr}), mean pooling, support {@code q_0_100}, at
 * every block's norm outputs, classes balanced by a seeded draw (seed 42).
 */
@Command(name = "transport", mixinStandardHelpOptions = true,
        description = "Fit a Linear-AcT transport map towards a concept and save it as .npz (alpha, beta, lo, hi) + layout sidecar.")
public final class TransportCommand implements Callable<Integer> {

    @Mixin
    ConceptRunOptions run;

    @Option(names = "--mode", defaultValue = "incr", description = "incr (layer by layer, earlier layers transported) or atonce (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--pooling", defaultValue = "mean", description = "Token pooling of the fitted responses (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--support", defaultValue = "q_0_100",
            description = "Where each unit is transported: q_LO_HI source quantiles in percent (q_0_100: source min..max), or q_all (default: ${DEFAULT-VALUE}).")
    String support;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the draw that equalises the class sizes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-balance", description = "Keep every sentence of the larger class (compare the classes at common quantiles).")
    boolean noBalance;

    @Option(names = "--out", required = true, paramLabel = "act.npz")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        LinearAct.Mode m = LinearAct.Mode.parse(mode);
        ResponsesPooling pool = ResponsesPooling.parse(pooling);
        Support s = Support.parse(support);
        if (out.getFileName().toString().endsWith(".npy") && !s.unbounded()) {
            throw new IllegalArgumentException("--out " + out + ": a map with a support is saved as .npz (alpha, beta, lo, hi); "
                    + "use a .npz name, or --support q_all for the old .npy.");
        }
        // the shared --points default is the MLP neurons; Linear-AcT's default is the norm outputs
        boolean pointsGiven = spec.commandLine().getParseResult().hasMatchedOption("--points");
        String[] points = pointsGiven ? run.pointArray() : LinearAct.DEFAULT_POINTS.toArray(String[]::new);
        ConceptRunOptions.Sentences sentences = run.sentences("a transport map (from sentences without it to sentences with it)");
        try (LanguageModel lm = run.model.load()) {
            long t0 = System.nanoTime();
            TransportMap map = LinearAct.on(lm, points).mode(m).pooling(pool).support(s).seed(seed).balanced(!noBalance)
                    .batchSize(run.batchSize).maxTokens(run.maxTokens).progress(System.err)
                    .fit(sentences.negativeTexts(), sentences.positiveTexts());
            map.save(out);
            System.out.printf(Locale.ROOT, "transport map of %d units in %d layers (%s, support %s, %d source -> %d target sentences), %.1f s -> %s%n",
                    map.layout().units(), map.layout().layers(), mode, s, sentences.negatives().size(), sentences.positives().size(),
                    (System.nanoTime() - t0) / 1e9, out);
        }
        return 0;
    }
}

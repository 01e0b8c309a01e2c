package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interp4j.data.ConceptSet;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.MeanDifference;
import org.interp4j.steer.SelfConditioning;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options of conditioned generation shared by {@code generate} and {@code steer}: force the best
 * experts of an expertise CSV (self-conditioning), apply a Linear-AcT transport map, or add a
 * difference-of-means vector to one layer's residual stream, with their settings. {@link #load()}
 * reads and checks the files before the (slow) model load.
 */
final class SteeringOptions {

    @ArgGroup(exclusive = true)
    Method method = new Method();

    static final class Method {
        @Option(names = "--expertise", paramLabel = "expertise.csv",
                description = "Self-conditioning: force the best experts of this expertise CSV (interp4j expertise/responses).")
        Path expertise;

        @Option(names = "--act", paramLabel = "act.npz", description = "Linear-AcT: apply this transport map (interp4j transport; .npz, or an old .npy).")
        Path act;

        @Option(names = "--mean-diff", paramLabel = "CONCEPT|vector.npy",
                description = "Mean difference (ActAdd/CAA): add coef·(μ_concept − μ_other) of --layer's residual stream at every "
                        + "position; a concept set name (its positives minus its negatives) or a vector saved by MeanDifference.save.")
        String meanDiff;
    }

    @Option(names = "--num-units", defaultValue = "50", description = "With --expertise: experts to force (default: ${DEFAULT-VALUE}).")
    int numUnits;

    @Option(names = "--forcing", defaultValue = "on_p50",
            description = "With --expertise: value to force, on_p50, on_p90, on_mean, off_p50 or off_mean (default: ${DEFAULT-VALUE}).")
    String forcing;

    @Option(names = "--only-last-token",
            description = "With --expertise: force only the last position of each step (ml-selfcond's --only-last-token); default: every position.")
    boolean onlyLastToken;

    @Option(names = "--strength", defaultValue = "1.0", description = "With --act: transport strength λ in [0, 1] (default: ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--layer", description = "With --mean-diff CONCEPT: the block whose hook_resid_post is steered (default: the middle block).")
    Integer layer;

    @Option(names = "--coef", defaultValue = "1.0",
            description = "With --mean-diff: multiple of the vector added (default: ${DEFAULT-VALUE}, the whole difference of means).")
    double coef;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** What attaches the chosen steering to a loaded model (and removes it when the handle closes). */
    @FunctionalInterface
    interface Steering {
        HookHandle attach(LanguageModel model);
    }

    boolean given() {
        return method.expertise != null || method.act != null || method.meanDiff != null;
    }

    /** Reads and checks the steering file; with no method given, a steering that does nothing. */
    Steering load() throws IOException {
        if (method.expertise != null) {
            SelfConditioning experts = SelfConditioning.readCsv(method.expertise, numUnits, forcing);
            SelfConditioning chosen = onlyLastToken ? experts.onlyLastToken() : experts;
            return chosen::attach;
        }
        if (method.act != null) {
            if (!(strength >= 0 && strength <= 1)) {
                throw new IllegalArgumentException("--strength must be between 0 and 1 (0: no change, 1: full transport), got "
                        + strength + ".");
            }
            TransportMap map = TransportMap.load(method.act);
            return m -> map.attach(m, strength);
        }
        if (method.meanDiff != null) {
            if (!Double.isFinite(coef)) throw new IllegalArgumentException("--coef must be a finite number, got " + coef + ".");
            if (method.meanDiff.endsWith(".npy") || Files.exists(Path.of(method.meanDiff))) {
                if (layer != null) {
                    throw new IllegalArgumentException("--layer applies to --mean-diff CONCEPT: a saved vector already names its point.");
                }
                MeanDifference v = MeanDifference.load(Path.of(method.meanDiff));
                return m -> v.attach(m, coef);
            }
            ConceptSet concept = ConceptSet.load(method.meanDiff);
            return m -> {
                int l = layer == null ? m.config().nLayers() / 2 : layer;
                if (l < 0 || l >= m.config().nLayers()) {
                    throw new IllegalArgumentException("--layer " + l + " is not a block of " + m.name() + " (blocks 0.."
                            + (m.config().nLayers() - 1) + ").");
                }
                return MeanDifference.fit(m, l, concept).attach(m, coef);
            };
        }
        return m -> () -> { };
    }

    /** Options of one conditioning method make no sense without it: say so rather than ignore them. */
    void rejectOptionsOfTheMethodNotChosen() {
        ParseResult parsed = command.commandLine().getParseResult();
        for (String option : new String[] {"--num-units", "--forcing", "--only-last-token"}) {
            if (parsed.hasMatchedOption(option) && method.expertise == null) {
                throw new IllegalArgumentException(option + " only applies to self-conditioning: add --expertise expertise.csv.");
            }
        }
        if (parsed.hasMatchedOption("--strength") && method.act == null) {
            throw new IllegalArgumentException("--strength only applies to Linear-AcT: add --act act.npz.");
        }
        for (String option : new String[] {"--layer", "--coef"}) {
            if (parsed.hasMatchedOption(option) && method.meanDiff == null) {
                throw new IllegalArgumentException(option + " only applies to mean-difference steering: add --mean-diff CONCEPT.");
            }
        }
    }
}

package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.SelfConditioning;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options of conditioned generation shared by {@code generate} and {@code steer}: force the best
 * experts of an expertise CSV (self-conditioning) or apply a Linear-AcT transport map, with their
 * settings. {@link #load()} reads and checks the file before the (slow) model load.
 */
final class SteeringOptions {

    @ArgGroup(exclusive = true)
    Method method = new Method();

    static final class Method {
        @Option(names = "--expertise", paramLabel = "expertise.csv",
                description = "Self-conditioning: force the best experts of this expertise CSV (interp4j expertise/responses).")
        Path expertise;

        @Option(names = "--act", paramLabel = "act.npy", description = "Linear-AcT: apply this transport map (interp4j transport).")
        Path act;
    }

    @Option(names = "--num-units", defaultValue = "50", description = "With --expertise: experts to force (default: ${DEFAULT-VALUE}).")
    int numUnits;

    @Option(names = "--forcing", defaultValue = "on_p50",
            description = "With --expertise: value to force, on_p50, on_p90, on_mean, off_p50 or off_mean (default: ${DEFAULT-VALUE}).")
    String forcing;

    @Option(names = "--strength", defaultValue = "1.0", description = "With --act: transport strength λ in [0, 1] (default: ${DEFAULT-VALUE}).")
    double strength;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** What attaches the chosen steering to a loaded model (and removes it when the handle closes). */
    @FunctionalInterface
    interface Steering {
        HookHandle attach(LanguageModel model);
    }

    boolean given() {
        return method.expertise != null || method.act != null;
    }

    /** Reads and checks the steering file; with neither --expertise nor --act, a steering that does nothing. */
    Steering load() throws IOException {
        if (method.expertise != null) {
            SelfConditioning experts = SelfConditioning.readCsv(method.expertise, numUnits, forcing);
            return experts::attach;
        }
        if (method.act != null) {
            if (!(strength >= 0 && strength <= 1)) {
                throw new IllegalArgumentException("--strength must be between 0 and 1 (0: no change, 1: full transport), got "
                        + strength + ".");
            }
            TransportMap map = TransportMap.load(method.act);
            return m -> map.attach(m, strength);
        }
        return m -> () -> { };
    }

    /** Options of one conditioning method make no sense without it: say so rather than ignore them. */
    void rejectOptionsOfTheMethodNotChosen() {
        ParseResult parsed = command.commandLine().getParseResult();
        for (String option : new String[] {"--num-units", "--forcing"}) {
            if (parsed.hasMatchedOption(option) && method.expertise == null) {
                throw new IllegalArgumentException(option + " only applies to self-conditioning: add --expertise expertise.csv.");
            }
        }
        if (parsed.hasMatchedOption("--strength") && method.act == null) {
            throw new IllegalArgumentException("--strength only applies to Linear-AcT: add --act act.npy.");
        }
    }
}

package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.SelfConditioning;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Continues a prompt, greedily or by seeded sampling, and prints the new text; optionally
 * conditioned by forcing concept experts ({@code --expertise}) or by a transport map ({@code --act}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Continue a prompt and print the new text.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "smollm2-135m", description = "Folder, .gguf file, hub id or kit model name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--prompt", required = true)
    String prompt;

    @Option(names = "--max-new-tokens", defaultValue = "20")
    int maxNewTokens;

    @ArgGroup(exclusive = true)
    Decoding decoding = new Decoding();

    static final class Decoding {
        @Option(names = "--greedy", description = "Always take the most likely token (the default).")
        boolean greedy;

        @Option(names = "--temperature", description = "Sample at this temperature instead of greedy decoding.")
        Double temperature;
    }

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample only among the k most likely tokens (0: all).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass (1: all).")
    double topP;

    @ArgGroup(exclusive = true)
    Conditioning conditioning = new Conditioning();

    static final class Conditioning {
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

    @Option(names = "--revision", defaultValue = "main")
    String revision;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkConditioningOptions();
        GenerateOptions options = decoding.temperature == null ? GenerateOptions.greedy(maxNewTokens)
                : GenerateOptions.sampling(maxNewTokens, decoding.temperature, seed).withTopK(topK).withTopP(topP);
        // read and check the conditioning file before the (slow) model load
        SelfConditioning experts = null;
        TransportMap map = null;
        if (conditioning.expertise != null) {
            experts = SelfConditioning.readCsv(conditioning.expertise, numUnits, forcing);
        } else if (conditioning.act != null) {
            if (!(strength >= 0 && strength <= 1)) {
                throw new IllegalArgumentException("--strength must be between 0 and 1 (0: no change, 1: full transport), got "
                        + strength + ".");
            }
            map = TransportMap.load(conditioning.act);
        }
        try (LanguageModel m = LanguageModel.load(model, revision)) {
            HookHandle steering = experts != null ? experts.attach(m) : map != null ? map.attach(m, strength) : () -> {};
            try (steering) {
                System.out.println(m.generate(prompt, options));
            }
        }
        return 0;
    }

    /** Options of one conditioning method make no sense without it: say so rather than ignore them. */
    private void checkConditioningOptions() {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : new String[] {"--num-units", "--forcing"}) {
            if (parsed.hasMatchedOption(option) && conditioning.expertise == null) {
                throw new IllegalArgumentException(option + " only applies to self-conditioning: add --expertise expertise.csv.");
            }
        }
        if (parsed.hasMatchedOption("--strength") && conditioning.act == null) {
            throw new IllegalArgumentException("--strength only applies to Linear-AcT: add --act act.npy.");
        }
    }
}

package org.interp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Continues a prompt, greedily or by seeded sampling, and prints the new text; optionally
 * conditioned by forcing concept experts ({@code --expertise}), by a transport map ({@code --act}) or
 * by adding a difference-of-means vector ({@code --mean-diff}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Continue a prompt and print the new text.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelAtRevision model;

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

    @Mixin
    NucleusOptions nucleus;

    @Mixin
    SteeringOptions steering;

    @Override
    public Integer call() throws IOException {
        steering.rejectOptionsOfTheMethodNotChosen();
        GenerateOptions options = decoding.temperature == null ? GenerateOptions.greedy(maxNewTokens)
                : nucleus.restrict(GenerateOptions.sampling(maxNewTokens, decoding.temperature, seed));
        SteeringOptions.Steering conditioning = steering.load(); // before the (slow) model load
        try (LanguageModel m = model.load(); HookHandle h = conditioning.attach(m)) {
            System.out.println(m.generate(prompt, options));
        }
        return 0;
    }
}

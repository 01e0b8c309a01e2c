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

    @Mixin
    SteeringOptions steering;

    @Option(names = "--revision", defaultValue = "main")
    String revision;

    @Override
    public Integer call() throws IOException {
        steering.rejectOptionsOfTheMethodNotChosen();
        GenerateOptions options = decoding.temperature == null ? GenerateOptions.greedy(maxNewTokens)
                : GenerateOptions.sampling(maxNewTokens, decoding.temperature, seed).withTopK(topK).withTopP(topP);
        SteeringOptions.Steering conditioning = steering.load(); // before the (slow) model load
        try (LanguageModel m = LanguageModel.load(model, revision); HookHandle h = conditioning.attach(m)) {
            System.out.println(m.generate(prompt, options));
        }
        return 0;
    }
}

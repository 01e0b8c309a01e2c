package org.interp4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.data.ConceptSet;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interp4j steer}: conditioned generation, like the original's {@code generate_seq.py}:
 * either force the top experts of an expertise CSV ({@code --expertise}) or apply a Linear-AcT
 * transport map ({@code --act}) at every step, then print one continuation per prompt and seed.
 */
@Command(name = "steer", mixinStandardHelpOptions = true,
        description = "Generate with expert units forced (self-conditioning) or activations transported (Linear-AcT).")
public final class SteerCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "smollm2-135m", description = "Model name, folder, .gguf or hub id (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--prompt", required = true, description = "Prompt to continue (repeat for several).")
    List<String> prompts;

    @Mixin
    SteeringOptions steering;

    @Option(names = {"--length", "--max-new-tokens"}, defaultValue = "20", description = "New tokens per continuation (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--seed", arity = "1..*", defaultValue = "0", description = "One or more sampling seeds (default: ${DEFAULT-VALUE}).")
    long[] seeds;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the k most likely tokens (0: all).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus mass (1: all).")
    double topP;

    @Option(names = "--greedy", description = "Take the most likely token instead of sampling.")
    boolean greedy;

    @Option(names = "--concept", description = "Also print the share of continuations mentioning this concept.")
    String concept;

    @Option(names = "--revision", defaultValue = "main")
    String revision;

    @Override
    public Integer call() throws IOException {
        if (!steering.given()) {
            throw new IllegalArgumentException("Give --expertise expertise.csv (self-conditioning) or --act act.npy (Linear-AcT).");
        }
        SteeringOptions.Steering conditioning = steering.load(); // before the (slow) model load
        ConceptSet c = concept == null ? null : ConceptSet.load(concept);
        GenerateOptions base = greedy ? GenerateOptions.greedy(length)
                : GenerateOptions.sampling(length, temperature, 0).withTopK(topK).withTopP(topP);
        try (LanguageModel m = LanguageModel.load(model, revision)) {
            int mentioned = 0, total = 0;
            try (HookHandle h = conditioning.attach(m)) {
                long[][] ids = new long[prompts.size()][];
                for (int i = 0; i < ids.length; i++) ids[i] = m.tokenize(prompts.get(i));
                for (long seed : greedy ? new long[] {0} : seeds) {
                    long[][] fresh = m.generate(ids, base.withSeed(seed));
                    for (int i = 0; i < ids.length; i++) {
                        String text = m.decode(fresh[i]);
                        System.out.println("[seed " + seed + "] " + prompts.get(i) + text);
                        total++;
                        if (c != null && c.mentionedIn(text)) mentioned++;
                    }
                }
            }
            if (c != null) {
                System.out.printf(Locale.ROOT, "presence of %s: %d/%d = %.2f%n", c.name(), mentioned, total,
                        mentioned / (double) total);
            }
        }
        return 0;
    }
}

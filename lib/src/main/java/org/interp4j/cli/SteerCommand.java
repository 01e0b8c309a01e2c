package org.interp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interp4j.data.ConceptSet;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.steer.SelfConditioning;
import org.interp4j.steer.TransportMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Steering steering;

    static final class Steering {
        @Option(names = "--expertise", paramLabel = "expertise.csv", description = "Expertise CSV (interp4j expertise).")
        Path expertise;

        @Option(names = "--act", paramLabel = "act.npy", description = "Transport map (interp4j transport).")
        Path act;
    }

    @Option(names = "--num-units", defaultValue = "50", description = "Experts to force (default: ${DEFAULT-VALUE}).")
    int numUnits;

    @Option(names = "--forcing", defaultValue = "on_p50", description = "Forcing value column: on_p50, on_p90, on_mean, off_p50, off_mean (default: ${DEFAULT-VALUE}).")
    String forcing;

    @Option(names = "--strength", defaultValue = "1.0", description = "Transport strength λ in [0, 1] (default: ${DEFAULT-VALUE}).")
    double strength;

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
        // read and check the steering file before the (slow) model load
        SelfConditioning experts = null;
        TransportMap map = null;
        if (steering.expertise != null) {
            experts = SelfConditioning.readCsv(steering.expertise, numUnits, forcing);
        } else {
            if (!(strength >= 0 && strength <= 1)) {
                throw new IllegalArgumentException("--strength must be between 0 and 1 (0: no change, 1: full transport), got "
                        + strength + ".");
            }
            map = TransportMap.load(steering.act);
        }
        ConceptSet c = concept == null ? null : ConceptSet.load(concept);
        GenerateOptions base = greedy ? GenerateOptions.greedy(length)
                : GenerateOptions.sampling(length, temperature, 0).withTopK(topK).withTopP(topP);
        try (LanguageModel m = LanguageModel.load(model, revision)) {
            int mentioned = 0, total = 0;
            try (HookHandle h = experts != null ? experts.attach(m) : map.attach(m, strength)) {
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

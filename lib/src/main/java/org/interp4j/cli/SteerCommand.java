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
 * force the top experts of an expertise CSV ({@code --expertise}), apply a Linear-AcT transport
 * map ({@code --act}), or add a difference-of-means vector ({@code --mean-diff}) at every step, then
 * print one continuation per prompt and seed. All prompts × seeds run as one batch (KV cache,
 * one sampler seed per row), each row exactly as it would run alone.
 */
@Command(name = "steer", mixinStandardHelpOptions = true,
        description = "Generate with expert units forced (self-conditioning), activations transported (Linear-AcT) "
                + "or a mean-difference vector added (ActAdd/CAA).")
public final class SteerCommand implements Callable<Integer> {

    @Mixin
    ModelAtRevision model;

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

    @Mixin
    NucleusOptions nucleus;

    @Option(names = "--greedy", description = "Take the most likely token instead of sampling.")
    boolean greedy;

    @Option(names = "--concept", description = "Also print the share of continuations mentioning this concept.")
    String concept;

    @Override
    public Integer call() throws IOException {
        if (!steering.given()) {
            throw new IllegalArgumentException("Give --expertise expertise.csv (self-conditioning), --act act.npz (Linear-AcT) "
                    + "or --mean-diff CONCEPT (mean difference).");
        }
        steering.rejectOptionsOfTheMethodNotChosen();
        SteeringOptions.Steering conditioning = steering.load(); // before the (slow) model load
        ConceptSet c = concept == null ? null : ConceptSet.load(concept);
        GenerateOptions base = greedy ? GenerateOptions.greedy(length)
                : nucleus.restrict(GenerateOptions.sampling(length, temperature, 0));
        try (LanguageModel m = model.load()) {
            int mentioned = 0, total = 0;
            try (HookHandle h = conditioning.attach(m)) {
                long[][] ids = new long[prompts.size()][];
                for (int i = 0; i < ids.length; i++) ids[i] = m.tokenize(prompts.get(i));
                long[] runSeeds = greedy ? new long[] {0} : seeds;
                int rows = runSeeds.length * ids.length;
                long[][] batch = new long[rows][];
                long[] rowSeeds = new long[rows];
                for (int s = 0; s < runSeeds.length; s++) {
                    for (int i = 0; i < ids.length; i++) {
                        batch[s * ids.length + i] = ids[i];
                        rowSeeds[s * ids.length + i] = runSeeds[s] + i; // as generate(ids, base.withSeed(seed)) would
                    }
                }
                long[][] fresh = m.generate(batch, base, rowSeeds);
                for (int s = 0; s < runSeeds.length; s++) {
                    for (int i = 0; i < ids.length; i++) {
                        String text = m.decode(fresh[s * ids.length + i]);
                        System.out.println("[seed " + runSeeds[s] + "] " + prompts.get(i) + text);
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

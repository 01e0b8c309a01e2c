package org.interp4j.cli;

import java.util.Locale;
import org.interp4j.ablate.NeuronEffects;
import picocli.CommandLine.Option;

/**
 * The options of every neuron-ablation command ({@code interp4j ablate}, {@code interp4j-cluster
 * ablate}): which MLP layer, how many word contexts, which kind of ablation.
 */
public final class AblationOptions {

    @Option(names = "--layer", defaultValue = "-1", description = "MLP layer (default: the last).")
    public int layer;

    @Option(names = "--contexts", defaultValue = "100", paramLabel = "N",
            description = "Word contexts to score, spread evenly over datasets/longtail/contexts.jsonl (default: ${DEFAULT-VALUE}).")
    public int contexts;

    @Option(names = "--mode", defaultValue = "mean", description = "mean or zero ablation (default: ${DEFAULT-VALUE}).")
    String mode;

    /** The ablation asked for; an unknown word is bad input. */
    public NeuronEffects.Mode mode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "mean" -> NeuronEffects.Mode.MEAN;
            case "zero" -> NeuronEffects.Mode.ZERO;
            default -> throw new IllegalArgumentException("Unknown ablation mode '" + mode + "': use mean or zero.");
        };
    }
}

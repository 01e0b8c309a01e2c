package org.interp4j.cli;

import java.util.List;
import org.interp4j.data.ConceptSet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options shared by the commands that run a model over a concept's sentences ({@code responses},
 * {@code transport}): which model, which concept and how many of its sentences, which hook points,
 * and how the sentences are batched.
 */
final class ConceptRunOptions {

    @Mixin
    ModelAtRevision model;

    @Option(names = "--concept", required = true, description = "Concept set in datasets/concepts, e.g. sport, food, colour.")
    String concept;

    @Option(names = "--points", defaultValue = "blocks.*.mlp.hook_post", split = ",",
            description = "Hook points or patterns (default: ${DEFAULT-VALUE}, the MLP neurons).")
    List<String> points;

    @Option(names = "--per-class", paramLabel = "N", description = "Use only the first N positives and N negatives.")
    Integer perClass;

    @Option(names = "--batch-size", defaultValue = "16", description = "Sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Sentences are cut to this many tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    /** The concept's sentences with it and without it, each cut to --per-class. */
    record Sentences(List<ConceptSet.Example> positives, List<ConceptSet.Example> negatives) {
        List<String> positiveTexts() {
            return positives.stream().map(ConceptSet.Example::text).toList();
        }

        List<String> negativeTexts() {
            return negatives.stream().map(ConceptSet.Example::text).toList();
        }
    }

    /** Loads the concept; fails with one clear line if a class is empty (e.g. "what for" says why both are needed). */
    Sentences sentences(String whatFor) {
        ConceptSet c = ConceptSet.load(concept);
        List<ConceptSet.Example> pos = c.positives(), neg = c.negatives();
        if (perClass != null) {
            if (perClass < 1) throw new IllegalArgumentException("--per-class must be at least 1, got " + perClass + ".");
            pos = pos.subList(0, Math.min(perClass, pos.size()));
            neg = neg.subList(0, Math.min(perClass, neg.size()));
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept + " has " + pos.size() + " positive and " + neg.size()
                    + " negative examples: " + whatFor + " needs sentences with and without the concept.");
        }
        return new Sentences(pos, neg);
    }

    String[] pointArray() {
        return points.toArray(String[]::new);
    }
}

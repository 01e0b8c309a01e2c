package org.interp4j.model;

import java.util.List;
import java.util.Set;

/**
 * How to generate: greedy (argmax) or sampling with temperature, top-k and top-p (nucleus) from a
 * seeded random source, so a run is repeatable. Generation stops after {@code maxNewTokens}, at the
 * end-of-sequence token, at any of {@code stopIds}, or once the text ends with a stop string.
 */
public record GenerateOptions(int maxNewTokens, boolean greedy, double temperature, int topK, double topP,
                              long seed, Set<Long> stopIds, List<String> stopStrings, boolean stopAtEos) {

    public GenerateOptions {
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens + ".");
        if (!greedy && !(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0 for sampling (got " + temperature
                    + "); use GenerateOptions.greedy(n) for argmax decoding.");
        }
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0 (0 = no limit), got " + topK + ".");
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], got " + topP + ".");
        stopIds = Set.copyOf(stopIds);
        stopStrings = List.copyOf(stopStrings);
    }

    public static GenerateOptions greedy(int maxNewTokens) {
        return new GenerateOptions(maxNewTokens, true, 1, 0, 1, 0, Set.of(), List.of(), true);
    }

    public static GenerateOptions sampling(int maxNewTokens, double temperature, long seed) {
        return new GenerateOptions(maxNewTokens, false, temperature, 0, 1, seed, Set.of(), List.of(), true);
    }

    public GenerateOptions withTopK(int k) {
        return new GenerateOptions(maxNewTokens, greedy, temperature, k, topP, seed, stopIds, stopStrings, stopAtEos);
    }

    public GenerateOptions withTopP(double p) {
        return new GenerateOptions(maxNewTokens, greedy, temperature, topK, p, seed, stopIds, stopStrings, stopAtEos);
    }

    public GenerateOptions withSeed(long s) {
        return new GenerateOptions(maxNewTokens, greedy, temperature, topK, topP, s, stopIds, stopStrings, stopAtEos);
    }

    public GenerateOptions withStopIds(Set<Long> ids) {
        return new GenerateOptions(maxNewTokens, greedy, temperature, topK, topP, seed, ids, stopStrings, stopAtEos);
    }

    public GenerateOptions withStopStrings(List<String> s) {
        return new GenerateOptions(maxNewTokens, greedy, temperature, topK, topP, seed, stopIds, s, stopAtEos);
    }

    /** Keep going past the end-of-sequence token (e.g. to measure fixed-length continuations). */
    public GenerateOptions ignoringEos() {
        return new GenerateOptions(maxNewTokens, greedy, temperature, topK, topP, seed, stopIds, stopStrings, false);
    }
}

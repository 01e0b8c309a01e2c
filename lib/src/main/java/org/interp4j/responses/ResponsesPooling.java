package org.interp4j.responses;

/**
 * How the per-token activations of a sentence become one response per unit. Only real tokens
 * count: padding never enters a pooled value. Self-conditioning (Suau et al. 2022) max-pools over
 * the sentence, so that a unit firing on the one concept word counts fully; Linear-AcT
 * (Rodriguez et al. 2024) fits its maps on the mean over tokens.
 */
public enum ResponsesPooling {
    /** Largest activation over the real tokens (expert units). */
    MAX,
    /** Average over the real tokens (transport maps). */
    MEAN,
    /** The activation at the last real token. */
    LAST;

    /** Parses {@code max}, {@code mean} or {@code last} (any case). */
    public static ResponsesPooling parse(String name) {
        for (ResponsesPooling p : values()) if (p.name().equalsIgnoreCase(name.trim())) return p;
        throw new IllegalArgumentException("Unknown pooling '" + name + "': use max, mean or last.");
    }
}

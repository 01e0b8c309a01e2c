package org.interp4j.model;

import org.interp4j.hooks.ActivationCache;

/**
 * What {@link LanguageModel#generateWithCache} returns: the new tokens of each row and the
 * activations the model computed on the way (TransformerLens users ask the same of its
 * {@code generate}). Closing it frees the cache.
 */
public record Generation(long[][] tokens, ActivationCache cache) implements AutoCloseable {
    @Override
    public void close() {
        cache.close();
    }
}

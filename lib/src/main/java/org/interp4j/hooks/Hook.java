package org.interp4j.hooks;

import ai.djl.ndarray.NDArray;
import java.util.function.BiConsumer;

/**
 * Code run at a hook point during the forward pass. It sees the activation and where it is, and
 * may return a replacement (same shape) or {@code null} to leave the activation unchanged.
 * Replacements are used by every later computation, exactly as if the model had produced them.
 */
@FunctionalInterface
public interface Hook {
    NDArray apply(NDArray activation, HookContext context);

    /** A hook that only reads: convenient for lambdas that record or print. */
    static Hook reader(BiConsumer<NDArray, HookContext> reader) {
        return (a, c) -> {
            reader.accept(a, c);
            return null;
        };
    }
}

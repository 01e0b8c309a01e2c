package org.interp4j.hooks;

/**
 * Where a hook is called from.
 *
 * @param name           the full hook point name, e.g. {@code blocks.3.mlp.hook_post}
 * @param layer          the block index, or -1 for points outside the blocks
 * @param positionOffset absolute position of the first position in this call; 0 for an ordinary
 *                       forward pass, the number of cached tokens during generation with a KV cache
 * @param step           generation step (0 for the prompt, 1 for the first new token, ...)
 */
public record HookContext(String name, int layer, int positionOffset, int step) {}

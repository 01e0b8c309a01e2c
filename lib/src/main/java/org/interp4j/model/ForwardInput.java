package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import org.interp4j.hooks.HookRegistry;

/**
 * Everything one forward call needs besides the weights: token ids [batch, pos] (int64), absolute
 * position ids [batch, pos] (int64, already offset for OPT's table), rotary tables, the additive
 * attention mask [batch, 1, pos, past+pos] (0 where a query may look, a huge negative elsewhere),
 * the hooks, the KV cache when generating, and how many blocks to run ({@code layers}: all of them,
 * or fewer when only activations of the early blocks are wanted), and whether only the last
 * position's logits are wanted ({@code lastOnly}: generation).
 */
record ForwardInput(NDArray ids, NDArray positionIds, NDArray[] cosSin, NDArray maskBias, HookRegistry hooks,
                    KvCache cache, int offset, int step, int layers, boolean lastOnly) {
    int length() {
        return (int) ids.getShape().get(1);
    }
}

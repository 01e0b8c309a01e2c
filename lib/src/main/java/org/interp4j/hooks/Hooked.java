package org.interp4j.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** A hook together with the point (name or pattern) it goes on, for scoped runs. */
public record Hooked(String name, Hook hook) {
    public static Hooked at(String nameOrPattern, Hook hook) {
        return new Hooked(nameOrPattern, hook);
    }

    /**
     * The same hook acting on batch rows {@code from … to-1} only; the other rows pass unchanged.
     * Several settings (steering strengths, methods) then share one batch, one row block each: a
     * decoding step reads the model's weights once for all of them instead of once per setting,
     * which is most of a small batch's cost on a CPU.
     */
    public Hooked onRows(int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("Rows " + from + "…" + (to - 1) + " are empty or negative: give 0 <= from < to.");
        }
        Hook inner = hook;
        return new Hooked(name, (x, context) -> {
            long rows = x.getShape().get(0);
            if (to > rows) {
                throw new IllegalArgumentException("A hook on " + context.name() + " is meant for rows " + from + "…" + (to - 1)
                        + " but the batch has " + rows + " rows: build the batch with a row block per setting.");
            }
            NDArray block = x.get(from + ":" + to);
            NDArray changed = inner.apply(block, context);
            if (changed == null) changed = block; // a hook may change its rows in place and return null
            if (from == 0 && to == rows) return changed;
            NDList parts = new NDList();
            if (from > 0) parts.add(x.get(":" + from));
            parts.add(changed);
            if (to < rows) parts.add(x.get(to + ":"));
            return NDArrays.concat(parts, 0);
        });
    }
}

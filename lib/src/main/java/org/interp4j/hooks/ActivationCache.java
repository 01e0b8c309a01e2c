package org.interp4j.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Activations recorded during a run, by hook name. The cache owns them in its own memory, so
 * they outlive the forward pass; close the cache (or the run that made it) to free them.
 * During generation each step appends along the position axis, so a cached activation covers the
 * prompt and every generated token the model ran (all but the last, which it only chose).
 */
public final class ActivationCache implements AutoCloseable {
    private final NDManager manager;
    private final Predicate<String> wanted;
    private final Map<String, List<NDArray>> parts = new LinkedHashMap<>();
    private final Map<String, NDArray> joined = new LinkedHashMap<>();

    public ActivationCache(NDManager parent, Predicate<String> wanted) {
        this.manager = parent.newSubManager();
        this.wanted = wanted;
    }

    /**
     * Records a value. {@code byReference}: the value is a fresh array of the forward pass that nothing
     * will change, so the cache takes it over instead of copying it (caching every point then costs
     * almost nothing); otherwise a copy is kept.
     */
    void offer(String name, NDArray value, HookContext context, boolean byReference) {
        if (!wanted.test(name)) return;
        NDArray kept = byReference ? value : value.duplicate();
        kept.attach(manager);
        parts.computeIfAbsent(name, k -> new ArrayList<>()).add(kept);
        joined.remove(name);
    }

    /** Whether the cache records the point. */
    public boolean wants(String name) {
        return wanted.test(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(parts.keySet());
    }

    public boolean has(String name) {
        return parts.containsKey(name);
    }

    /** The activation recorded at a hook point, e.g. {@code blocks.0.mlp.hook_post} [batch, pos, d_mlp]. */
    public NDArray get(String name) {
        NDArray done = joined.get(name);
        if (done != null) return done;
        List<NDArray> list = parts.get(name);
        if (list == null) {
            throw new IllegalArgumentException("Nothing was cached at '" + name + "'. Cached points: "
                    + (parts.isEmpty() ? "none" : String.join(", ", parts.keySet()))
                    + ". Ask for it in runWithCache(...).");
        }
        NDArray all = list.size() == 1 ? list.get(0) : concatSteps(name, list);
        joined.put(name, all);
        return all;
    }

    /**
     * The value masked attention scores carry: the model adds float32's lowest value to them, and
     * any score plus it rounds to it.
     */
    private static final float MASKED_SCORE = -Float.MAX_VALUE;

    private static NDArray concatSteps(String name, List<NDArray> list) {
        boolean pattern = name.endsWith("hook_pattern");
        if (pattern || name.endsWith("hook_attn_scores")) {
            // [batch, head, query, key]: a step's queries saw only the keys so far; the keys still to
            // come are masked, as causal masking makes them in one pass over the whole sequence.
            long keys = list.get(list.size() - 1).getShape().get(3);
            List<NDArray> rows = new ArrayList<>();
            for (NDArray step : list) {
                long[] s = step.getShape().getShape();
                if (s[3] < keys) {
                    NDArray unseen = step.getManager().full(new Shape(s[0], s[1], s[2], keys - s[3]),
                            pattern ? 0f : MASKED_SCORE, step.getDataType());
                    step = step.concat(unseen, 3);
                }
                rows.add(step);
            }
            return NDArrays.concat(new NDList(rows), 2);
        }
        return NDArrays.concat(new NDList(list), 1);
    }

    /** The activation as float32 on the Java heap, flattened in row-major order. */
    public float[] floats(String name) {
        return get(name).toType(DataType.FLOAT32, false).toFloatArray();
    }

    @Override
    public void close() {
        parts.clear();
        joined.clear();
        manager.close();
    }
}

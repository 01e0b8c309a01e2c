package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.interp4j.text.EditDistance;

/**
 * A checkpoint's tensors under canonical names. Hub checkpoints of one model family differ in a
 * leading prefix ({@code transformer.h.0…} vs {@code h.0…}, {@code model.layers…} vs
 * {@code layers…}); the prefix is dropped once here so each architecture asks for one name.
 */
public final class Weights {
    private static final String[] PREFIXES = {"transformer.", "gpt_neox.", "model."};

    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final String source;

    public Weights(Map<String, NDArray> raw, String source) {
        this.source = source;
        for (Map.Entry<String, NDArray> e : raw.entrySet()) {
            NDArray t = e.getValue();
            if (t.getDataType() != DataType.FLOAT32) t = t.toType(DataType.FLOAT32, false);
            tensors.put(canonical(e.getKey()), t);
        }
    }

    static String canonical(String key) {
        for (String p : PREFIXES) {
            if (key.startsWith(p)) return key.substring(p.length());
        }
        return key;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** A tensor that must exist with the given shape. */
    public NDArray get(String name, long... shape) {
        NDArray t = tensors.get(name);
        if (t == null) {
            String close = tensors.keySet().stream()
                    .min(Comparator.comparingInt(k -> EditDistance.between(k, name))).orElse("none");
            throw new IllegalArgumentException("The checkpoint " + source + " has no tensor '" + name
                    + "' (closest: '" + close + "'). Is it a checkpoint of this architecture, complete?");
        }
        if (shape.length > 0 && !t.getShape().equals(new Shape(shape))) {
            throw new IllegalArgumentException("Tensor '" + name + "' in " + source + " has shape "
                    + t.getShape() + " but config.json implies " + new Shape(shape)
                    + ": the config and weights do not belong together.");
        }
        return t;
    }

    /** A tensor if present (e.g. optional biases), else null. */
    public NDArray optional(String name, long... shape) {
        return has(name) ? get(name, shape) : null;
    }

    /**
     * An {@code nn.Linear} weight stored [out, in], returned transposed to [in, out] so the forward
     * pass reads {@code x·W}. The transpose is a view: no copy of the weights is made.
     */
    public NDArray linear(String name, long in, long out) {
        return get(name, out, in).transpose();
    }

    /**
     * Several tensors that multiply the same input, {@code nn.Linear} weights [out_i, in] or biases
     * [out_i], stacked along their first axis into one [Σ out_i, ...] array, so the forward pass makes
     * one product where it made several (one pass over the input, one call). Each name then refers
     * to its slice of the stack, a view: the checkpoint's memory is not held twice.
     */
    NDArray stack(String... names) {
        NDArray[] parts = new NDArray[names.length];
        for (int i = 0; i < names.length; i++) parts[i] = get(names[i]);
        NDArray stacked = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 0);
        long from = 0;
        for (int i = 0; i < names.length; i++) {
            long to = from + parts[i].getShape().get(0);
            tensors.put(names[i], stacked.get(new ai.djl.ndarray.index.NDIndex("{}:{}", from, to)));
            parts[i].close();
            from = to;
        }
        return stacked;
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(tensors.keySet());
    }

    public int size() {
        return tensors.size();
    }
}

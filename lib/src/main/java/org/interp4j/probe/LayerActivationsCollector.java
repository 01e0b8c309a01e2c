package org.interp4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.interp4j.data.TokenWindows;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookContext;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs token windows through a model in mini-batches and keeps, at each chosen hook point, only the
 * activation at the windows' target position. Nothing else is cached: each hook copies one
 * position to the Java heap and the rest of the run's memory is freed after every mini-batch.
 *
 * <p>The models are causal, so the tokens after the target cannot change any activation at the
 * target; they are left out of the run, which makes it shorter by {@code post} tokens and gives
 * the same values as running the whole window.
 *
 * <p>The cost is one forward pass over windows × (pre + 1) tokens: the default model needs roughly
 * 5 CPU-seconds per 1000 tokens, so 600 windows with pre = 30 take about a minute on 2 cores, and
 * the lecture's pre = 90 nearly three times as long. The run stops after the deepest block read:
 * no final norm, no unembedding (a fifth of the cost on the default model, and most of the memory).
 * <pre>{@code
 * LayerActivations acts = LayerActivations.collector(model)
 *         .points("blocks.*.attn.hook_q", "blocks.*.mlp.hook_post")
 *         .batchSize(32)
 *         .progress((done, total) -> System.out.println(done + "/" + total))
 *         .collect(windows);
 * }</pre>
 */
public final class LayerActivationsCollector {

    /** Told after every mini-batch how many windows are done. */
    @FunctionalInterface
    public interface Progress {
        void update(int windowsDone, int windowsTotal);
    }

    private final LanguageModel model;
    private List<String> points = LayerActivations.QKV;
    private int batchSize = 16;
    private Progress progress = (done, total) -> { };

    LayerActivationsCollector(LanguageModel model) {
        this.model = model;
    }

    /** Hook point names or patterns to read (default: {@link LayerActivations#QKV}). */
    public LayerActivationsCollector points(String... namesOrPatterns) {
        if (namesOrPatterns.length == 0) {
            throw new IllegalArgumentException("Give at least one hook point, e.g. \"blocks.*.attn.hook_q\".");
        }
        this.points = List.of(namesOrPatterns);
        return this;
    }

    /** Windows per forward pass (default 16). */
    public LayerActivationsCollector batchSize(int windows) {
        if (windows < 1) throw new IllegalArgumentException("The batch size must be at least 1 (got " + windows + ").");
        this.batchSize = windows;
        return this;
    }

    public LayerActivationsCollector progress(Progress progress) {
        this.progress = progress == null ? (done, total) -> { } : progress;
        return this;
    }

    /** Activations at the target of every window, rows in window order, with the windows' labels. */
    public LayerActivations collect(TokenWindows windows) {
        windows.requireFits(model.config().maxPositions());
        int n = windows.size();
        int target = windows.targetPosition();
        long[][] ids = windows.ids();
        Map<String, float[]> data = new LinkedHashMap<>();
        Map<String, Integer> units = new LinkedHashMap<>();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            long[][] rows = new long[to - from][];
            for (int i = from; i < to; i++) rows[i - from] = Arrays.copyOf(ids[i], target + 1);
            Hook reader = storeAt(target, from, n, data, units);
            Hooked[] hooks = points.stream().map(p -> Hooked.at(p, reader)).toArray(Hooked[]::new);
            // only the hooks' copies are kept; the run stops after the deepest block read (no logits)
            model.runForActivations(Batch.of(rows, 0, Batch.Side.RIGHT), hooks);
            progress.update(to, n);
        }
        int[] labels = windows.labels();
        if (data.isEmpty()) throw new IllegalStateException("No hook point fired for " + points + ".");
        return new LayerActivations(data, units, n, labels);
    }

    /** A hook copying the target position of the activation into rows {@code row0...} of its matrix. */
    private static Hook storeAt(int target, int row0, int samples, Map<String, float[]> data, Map<String, Integer> units) {
        return Hook.reader((NDArray act, HookContext ctx) -> {
            String name = ctx.name();
            // Attention scores and patterns are [batch, head, query, key]: the target is a query.
            boolean attention = name.endsWith("hook_attn_scores") || name.endsWith("hook_pattern");
            NDArray at = act.get(attention ? ":, :, " + target : ":, " + target);
            float[] values = at.toType(DataType.FLOAT32, false).toFloatArray();
            int rows = (int) act.getShape().get(0);
            int u = values.length / rows;
            Integer known = units.putIfAbsent(name, u);
            if (known != null && known != u) {
                throw new IllegalStateException(name + " changed size between mini-batches (" + known + " then " + u
                        + " units).");
            }
            float[] matrix = data.computeIfAbsent(name, k -> new float[Math.multiplyExact(samples, u)]);
            System.arraycopy(values, 0, matrix, row0 * u, values.length);
        });
    }
}

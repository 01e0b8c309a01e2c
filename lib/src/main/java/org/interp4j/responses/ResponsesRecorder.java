package org.interp4j.responses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookPoints;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;

/**
 * Runs sentences through a model and keeps, for every unit of the chosen hook points, one pooled
 * response per sentence (the first step of finding expert units or fitting a transport map).
 * <pre>{@code
 * ResponsesMatrix x = ResponsesRecorder.of(model, "blocks.*.mlp.hook_post")
 *         .pooling(ResponsesPooling.MAX).batchSize(16).record(concept.texts());
 * }</pre>
 * Sentences are batched by length (right-padded with a mask) and pooled inside the hooks, so only
 * [batch, units] numbers per point ever leave the forward pass. Hooks already attached to the
 * model apply first: the responses are those of the model as it currently runs.
 */
public final class ResponsesRecorder {

    private final LanguageModel model;
    private final List<String> points;
    private ResponsesPooling pooling = ResponsesPooling.MAX;
    private int batchSize = 16;
    private int maxTokens = 64;
    private PrintStream progress;

    private ResponsesRecorder(LanguageModel model, List<String> points) {
        this.model = model;
        this.points = points;
    }

    /** Records at every point the names or patterns match, in forward order. */
    public static ResponsesRecorder of(LanguageModel model, String... namesOrPatterns) {
        if (namesOrPatterns.length == 0) {
            throw new IllegalArgumentException("Name at least one hook point, e.g. blocks.*.mlp.hook_post.");
        }
        HookPoints all = new HookPoints(model.config().nLayers(), model.config().learnedPositions());
        Set<String> wanted = new HashSet<>();
        for (String p : namesOrPatterns) wanted.addAll(all.resolve(p));
        List<String> ordered = all.all().stream().filter(wanted::contains).toList();
        for (String n : ordered) {
            if (n.endsWith("attn.hook_attn_scores") || n.endsWith("attn.hook_pattern")) {
                throw new IllegalArgumentException(n + " is [batch, head, query, key], not one vector per token: "
                        + "pool a per-token point instead (e.g. attn.hook_z or hook_attn_out).");
            }
        }
        return new ResponsesRecorder(model, ordered);
    }

    /** The hook points recorded, in column order. */
    public List<String> points() {
        return points;
    }

    public ResponsesRecorder pooling(ResponsesPooling p) {
        this.pooling = p;
        return this;
    }

    public ResponsesRecorder batchSize(int n) {
        if (n < 1) throw new IllegalArgumentException("Batch size must be at least 1, got " + n + ".");
        this.batchSize = n;
        return this;
    }

    /** Longer sentences are cut to their first {@code n} tokens (default 64). */
    public ResponsesRecorder maxTokens(int n) {
        if (n < 1) throw new IllegalArgumentException("maxTokens must be at least 1, got " + n + ".");
        this.maxTokens = n;
        return this;
    }

    /** Prints one line per batch to {@code out} (null: silent, the default). */
    public ResponsesRecorder progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** Responses to texts, tokenized by the model's tokenizer. */
    public ResponsesMatrix record(List<String> texts) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = model.tokenize(texts.get(i));
        return record(rows);
    }

    /** Responses to rows of token ids (one row per sample). */
    public ResponsesMatrix record(long[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("No sentences to record: give at least one.");
        long[][] cut = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length == 0) throw new IllegalArgumentException("Sentence " + i + " has no tokens.");
            cut[i] = rows[i].length > maxTokens ? Arrays.copyOf(rows[i], maxTokens) : rows[i];
        }
        // Similar lengths share a batch, so little time goes into padding.
        Integer[] order = IntStream.range(0, cut.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> cut[i].length));
        Map<String, float[][]> pooled = new LinkedHashMap<>();
        for (String p : points) pooled.put(p, new float[cut.length][]);
        int batches = (cut.length + batchSize - 1) / batchSize;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize, to = Math.min(cut.length, from + batchSize);
            long[][] ids = new long[to - from][];
            for (int i = from; i < to; i++) ids[i - from] = cut[order[i]];
            Batch batch = Batch.of(ids, 0, Batch.Side.RIGHT);
            Map<String, float[][]> got = runBatch(batch);
            for (String p : points) {
                float[][] g = got.get(p);
                for (int i = from; i < to; i++) pooled.get(p)[order[i]] = g[i - from];
            }
            if (progress != null) progress.printf("responses: batch %d/%d (%d sentences)%n", b + 1, batches, to);
        }
        int[] sizes = points.stream().mapToInt(p -> pooled.get(p)[0].length).toArray();
        UnitLayout layout = UnitLayout.of(points, sizes);
        int units = layout.units();
        float[] flat = new float[cut.length * units];
        for (int s = 0; s < cut.length; s++) {
            for (int l = 0; l < points.size(); l++) {
                System.arraycopy(pooled.get(points.get(l))[s], 0, flat, s * units + layout.start(l), sizes[l]);
            }
        }
        return new ResponsesMatrix(flat, cut.length, layout, pooling.name().toLowerCase());
    }

    private Map<String, float[][]> runBatch(Batch batch) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        Hook reader = Hook.reader((x, ctx) -> out.put(ctx.name(), pool(x, batch.mask(), pooling)));
        Hooked[] hooks = points.stream().map(p -> Hooked.at(p, reader)).toArray(Hooked[]::new);
        // the readers only read: run as far as the deepest recorded point (no later blocks, no logits)
        model.runForActivations(batch, hooks);
        return out;
    }

    /**
     * Pools [batch, pos, ...] activations over the real positions of each row: the result has one
     * row per sentence and one column per feature (per-head points are flattened head-major).
     */
    public static float[][] pool(NDArray x, int[][] mask, ResponsesPooling pooling) {
        long[] s = x.getShape().getShape();
        int b = (int) s[0], p = (int) s[1];
        int features = (int) (x.getShape().size() / ((long) b * p));
        try (NDManager m = x.getManager().newSubManager()) {
            NDArray flat = x.toType(DataType.FLOAT32, false).reshape(b, p, features);
            float[] w = new float[b * p];
            for (int r = 0; r < b; r++) {
                if (pooling == ResponsesPooling.LAST) {
                    int last = -1;
                    for (int t = 0; t < p; t++) if (mask[r][t] == 1) last = t;
                    if (last >= 0) w[r * p + last] = 1;
                } else {
                    for (int t = 0; t < p; t++) w[r * p + t] = mask[r][t];
                }
            }
            NDArray weight = m.create(w, new Shape(b, p, 1));
            NDArray result = switch (pooling) {
                // padded positions drop far below any real activation before the max
                case MAX -> flat.add(weight.sub(1f).mul(1e30f)).max(new int[] {1});
                case MEAN -> flat.mul(weight).sum(new int[] {1}).div(weight.sum(new int[] {1}));
                case LAST -> flat.mul(weight).sum(new int[] {1});
            };
            float[] v = result.toFloatArray();
            float[][] rows = new float[b][];
            for (int r = 0; r < b; r++) rows[r] = Arrays.copyOfRange(v, r * features, (r + 1) * features);
            return rows;
        }
    }
}

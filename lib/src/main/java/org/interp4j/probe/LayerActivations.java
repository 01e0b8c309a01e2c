package org.interp4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.interp4j.data.TokenWindows;
import org.interp4j.hooks.HookPoints;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activations at the target token of each window: for every hook point, a float32 matrix
 * [samples, units] (units = the point's features flattened, e.g. heads·d_head for
 * {@code attn.hook_q}), with the class label of every sample. Collect them with
 * {@link #collect(LanguageModel, TokenWindows)} or {@link #collector(LanguageModel)}.
 * <pre>{@code
 * LayerActivations acts = LayerActivations.collect(model, windows);   // q, k, v of every layer
 * float[][] q5 = acts.q(5);                                            // [windows, heads*d_head]
 * }</pre>
 */
public final class LayerActivations {
    /** The query, key and value projections of every layer, as in the lecture. */
    public static final List<String> QKV = List.of("blocks.*.attn.hook_q", "blocks.*.attn.hook_k", "blocks.*.attn.hook_v");

    static final String LABELS_FILE = "labels.npy";
    static final String NAMES_FILE = "names.txt";

    private final Map<String, float[]> data;
    private final Map<String, Integer> units;
    private final int samples;
    private final int[] labels;

    LayerActivations(Map<String, float[]> data, Map<String, Integer> units, int samples, int[] labels) {
        this.data = data;
        this.units = units;
        this.samples = samples;
        this.labels = labels;
    }

    /** q, k and v of every layer at each window's target, 16 windows per forward pass. */
    public static LayerActivations collect(LanguageModel model, TokenWindows windows) {
        return collector(model).collect(windows);
    }

    /** A collector to choose the points, mini-batch size and progress callback. */
    public static LayerActivationsCollector collector(LanguageModel model) {
        return new LayerActivationsCollector(model);
    }

    /** Activations given as matrices [samples, units] by name, with one label per sample. */
    public static LayerActivations of(Map<String, float[][]> matrices, int[] labels) {
        if (matrices.isEmpty()) throw new IllegalArgumentException("No activations given: pass at least one matrix.");
        Map<String, float[]> data = new LinkedHashMap<>();
        Map<String, Integer> units = new LinkedHashMap<>();
        for (Map.Entry<String, float[][]> e : matrices.entrySet()) {
            float[][] m = e.getValue();
            if (m.length != labels.length) {
                throw new IllegalArgumentException(e.getKey() + " has " + m.length + " rows but there are "
                        + labels.length + " labels: give one row per sample.");
            }
            int u = m.length == 0 ? 0 : m[0].length;
            float[] flat = new float[m.length * u];
            for (int i = 0; i < m.length; i++) {
                if (m[i].length != u) throw new IllegalArgumentException(e.getKey() + ": rows differ in length.");
                System.arraycopy(m[i], 0, flat, i * u, u);
            }
            data.put(e.getKey(), flat);
            units.put(e.getKey(), u);
        }
        return new LayerActivations(data, units, labels.length, labels.clone());
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** Hook point names, in the order the forward pass reaches them. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(data.keySet()));
    }

    public boolean has(String name) {
        return data.containsKey(name);
    }

    /** Number of samples (windows). */
    public int samples() {
        return samples;
    }

    /** Features per sample at a point, e.g. 576 for SmolLM2's hook_q (9 heads · 64). */
    public int units(String name) {
        return units.get(require(name));
    }

    /** Class of each sample: 1 negation, 0 affirmation. */
    public int[] labels() {
        return labels.clone();
    }

    /** The matrix [samples, units] at a point, row-major in one array (a copy). */
    public float[] flat(String name) {
        return data.get(require(name)).clone();
    }

    /** The matrix [samples][units] at a point. */
    public float[][] matrix(String name) {
        float[] flat = data.get(require(name));
        int u = units.get(name);
        float[][] out = new float[samples][];
        for (int i = 0; i < samples; i++) out[i] = Arrays.copyOfRange(flat, i * u, (i + 1) * u);
        return out;
    }

    /** One unit's activation in every sample. */
    public float[] column(String name, int unit) {
        float[] flat = data.get(require(name));
        int u = units.get(name);
        if (unit < 0 || unit >= u) {
            throw new IllegalArgumentException("Unit " + unit + " is outside " + name + ", which has " + u + " units.");
        }
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) out[i] = flat[i * u + unit];
        return out;
    }

    /** The query projection of a layer [samples, heads·d_head]. */
    public float[][] q(int layer) {
        return matrix(HookPoints.blockName(layer, "attn.hook_q"));
    }

    /** The key projection of a layer [samples, kv_heads·d_head]. */
    public float[][] k(int layer) {
        return matrix(HookPoints.blockName(layer, "attn.hook_k"));
    }

    /** The value projection of a layer [samples, kv_heads·d_head]. */
    public float[][] v(int layer) {
        return matrix(HookPoints.blockName(layer, "attn.hook_v"));
    }

    /** q, k and v of a layer side by side [samples, q units + k units + v units], like GPT-2's c_attn output. */
    public float[][] qkv(int layer) {
        float[][] q = q(layer);
        float[][] k = k(layer);
        float[][] v = v(layer);
        float[][] out = new float[samples][];
        for (int i = 0; i < samples; i++) {
            float[] row = new float[q[i].length + k[i].length + v[i].length];
            System.arraycopy(q[i], 0, row, 0, q[i].length);
            System.arraycopy(k[i], 0, row, q[i].length, k[i].length);
            System.arraycopy(v[i], 0, row, q[i].length + k[i].length, v[i].length);
            out[i] = row;
        }
        return out;
    }

    /** The matrix at a point as a float32 NDArray [samples, units] owned by the manager. */
    public NDArray toNDArray(NDManager manager, String name) {
        return manager.create(data.get(require(name)), new Shape(samples, units.get(name)));
    }

    private String require(String name) {
        if (!data.containsKey(name)) {
            throw new IllegalArgumentException("No activations at '" + name + "'. Collected: "
                    + (data.size() <= 6 ? String.join(", ", data.keySet())
                    : String.join(", ", names().subList(0, 6)) + ", ... (" + data.size() + " points)")
                    + ". Collect it with LayerActivations.collector(model).points(...).");
        }
        return name;
    }

    // ---- files -----------------------------------------------------------------------------------

    /**
     * Writes one {@code <hook name>.npy} (float32 [samples, units]) per point, {@code labels.npy}
     * (int64) and {@code names.txt} (the points in order) into a folder, which is created.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : data.keySet()) {
            Npy.writeFloats(dir.resolve(name + ".npy"), data.get(name), samples, units.get(name));
        }
        long[] l = new long[samples];
        for (int i = 0; i < samples; i++) l[i] = labels[i];
        Npy.writeLongs(dir.resolve(LABELS_FILE), l, samples);
        Files.write(dir.resolve(NAMES_FILE), data.keySet(), StandardCharsets.UTF_8);
    }

    /** Reads a folder written by {@link #save(Path)}. */
    public static LayerActivations load(Path dir) throws IOException {
        Path namesFile = dir.resolve(NAMES_FILE);
        if (!Files.isRegularFile(namesFile) || !Files.isRegularFile(dir.resolve(LABELS_FILE))) {
            throw new IOException(dir.toAbsolutePath() + " holds no saved activations (no " + NAMES_FILE + " or "
                    + LABELS_FILE + "): give the folder LayerActivations.save wrote.");
        }
        long[] l = Npy.read(dir.resolve(LABELS_FILE)).toLongs();
        int[] labels = new int[l.length];
        for (int i = 0; i < l.length; i++) labels[i] = (int) l[i];
        Map<String, float[]> data = new LinkedHashMap<>();
        Map<String, Integer> units = new LinkedHashMap<>();
        for (String name : Files.readAllLines(namesFile, StandardCharsets.UTF_8)) {
            if (name.isBlank()) continue;
            Npy.Array a = Npy.read(dir.resolve(name + ".npy"));
            if (a.shape().length != 2 || a.dim(0) != labels.length) {
                throw new IOException(name + ".npy has shape " + Arrays.toString(a.shape()) + " but "
                        + labels.length + " labels: expected [" + labels.length + ", units].");
            }
            data.put(name, a.toFloats());
            units.put(name, a.dim(1));
        }
        return new LayerActivations(data, units, labels.length, labels);
    }

    @Override
    public String toString() {
        long floats = data.values().stream().mapToLong(a -> a.length).sum();
        return "LayerActivations[" + samples + " samples, " + data.size() + " points, "
                + String.format("%.1f MB", floats * 4 / 1e6) + "]";
    }
}

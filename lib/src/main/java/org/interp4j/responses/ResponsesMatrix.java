package org.interp4j.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.interp4j.data.Labels;
import org.interp4j.io.Npy;

/**
 * Pooled responses of chosen units to a set of sentences: a [samples, units] float32 matrix whose
 * columns are split into layers (hook points) by a {@link UnitLayout}. Saved as a plain {@code .npy}
 * file plus a small JSON sidecar ({@code X.layout.json} next to {@code X.npy}) naming the layers,
 * their sizes and the pooling, so that Python users can load both with numpy and json.
 */
public final class ResponsesMatrix {

    private final float[] data;
    private final int samples;
    private final UnitLayout layout;
    private final String pooling;

    /** Wraps a row-major matrix ({@code data[s * units + u]}); the array is used as given. */
    public ResponsesMatrix(float[] data, int samples, UnitLayout layout, String pooling) {
        if (layout == null) throw new IllegalArgumentException("Give the layout of the response columns.");
        if (samples < 0 || data == null || (long) samples * layout.units() != data.length) {
            throw new IllegalArgumentException("Response matrix has " + (data == null ? 0 : data.length) + " values but "
                    + samples + " samples x " + layout.units() + " units were declared.");
        }
        this.data = data;
        this.samples = samples;
        this.layout = layout;
        this.pooling = pooling == null ? "" : pooling;
    }

    /** From rows ({@code [samples][units]}). */
    public static ResponsesMatrix of(float[][] rows, UnitLayout layout, String pooling) {
        int units = layout.units();
        float[] flat = new float[rows.length * units];
        for (int s = 0; s < rows.length; s++) {
            if (rows[s].length != units) {
                throw new IllegalArgumentException("Row " + s + " has " + rows[s].length + " values but the layout "
                        + layout + " has " + units + " units.");
            }
            System.arraycopy(rows[s], 0, flat, s * units, units);
        }
        return new ResponsesMatrix(flat, rows.length, layout, pooling);
    }

    public int samples() {
        return samples;
    }

    public int units() {
        return layout.units();
    }

    public UnitLayout layout() {
        return layout;
    }

    /** How tokens were pooled ({@code max}, {@code mean}, {@code last}), or "" if unknown. */
    public String pooling() {
        return pooling;
    }

    public float get(int sample, int uuid) {
        return data[sample * layout.units() + uuid];
    }

    /**
     * The row-major storage itself, not a copy, for code that reads every value once (expertise
     * sorts each column of it) where a copy would double the memory; do not modify it.
     */
    public float[] storage() {
        return data;
    }

    /** The matrix row-major (a copy). */
    public float[] flat() {
        return data.clone();
    }

    /** The matrix as rows (a copy). */
    public float[][] rows() {
        float[][] r = new float[samples][];
        for (int s = 0; s < samples; s++) r[s] = Arrays.copyOfRange(data, s * units(), (s + 1) * units());
        return r;
    }

    /** The responses of one unit over all samples. */
    public float[] column(int uuid) {
        float[] c = new float[samples];
        for (int s = 0; s < samples; s++) c[s] = data[s * units() + uuid];
        return c;
    }

    /** Only the columns of one layer, as its own matrix. */
    public ResponsesMatrix layer(String name) {
        int l = layout.names().indexOf(name);
        if (l < 0) throw new IllegalArgumentException("No layer " + name + "; layers are " + layout.names() + ".");
        int size = layout.size(l), start = layout.start(l);
        float[] out = new float[samples * size];
        for (int s = 0; s < samples; s++) System.arraycopy(data, s * units() + start, out, s * size, size);
        return new ResponsesMatrix(out, samples, UnitLayout.of(List.of(name), new int[] {size}), pooling);
    }

    /** Only the chosen samples (rows), in the given order. */
    public ResponsesMatrix rows(int[] which) {
        float[] out = new float[which.length * units()];
        for (int i = 0; i < which.length; i++) {
            if (which[i] < 0 || which[i] >= samples) {
                throw new IndexOutOfBoundsException("Sample " + which[i] + " is outside the " + samples + " samples.");
            }
            System.arraycopy(data, which[i] * units(), out, i * units(), units());
        }
        return new ResponsesMatrix(out, which.length, layout, pooling);
    }

    /** The samples whose label is {@code label} (e.g. 1: the positives of a concept). */
    public ResponsesMatrix withLabel(int[] labels, int label) {
        if (labels.length != samples) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples + " samples: give one label per sample.");
        }
        return rows(IntStream.range(0, samples).filter(i -> labels[i] == label).toArray());
    }

    // ---- files ------------------------------------------------------------------------------------

    /** The sidecar of {@code X.npy}: {@code X.layout.json} in the same folder. */
    public static Path sidecar(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(stem + ".layout.json");
    }

    /** Writes {@code X.npy} (float32 [samples, units]) and its layout sidecar. */
    public void save(Path npy) throws IOException {
        Npy.writeFloats(npy, data, samples, units());
        writeLayout(npy, layout, pooling);
    }

    /** Writes the layout sidecar of {@code npy}: layers with names and sizes, and the pooling. */
    public static void writeLayout(Path npy, UnitLayout layout, String pooling) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode layers = root.putArray("layers");
        for (int l = 0; l < layout.layers(); l++) {
            layers.addObject().put("name", layout.names().get(l)).put("size", layout.size(l));
        }
        root.put("units", layout.units());
        if (pooling != null && !pooling.isEmpty()) root.put("pooling", pooling);
        Path side = sidecar(npy);
        if (side.toAbsolutePath().getParent() != null) Files.createDirectories(side.toAbsolutePath().getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(side.toFile(), root);
    }

    /** Reads the layout sidecar of {@code npy}; without one, all columns form one layer. */
    public static UnitLayout readLayout(Path npy, int units) throws IOException {
        Path side = sidecar(npy);
        if (!Files.exists(side)) return UnitLayout.single(units);
        JsonNode root = new ObjectMapper().readTree(side.toFile());
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new IOException(side + " has no \"layers\" list: write it with ResponsesMatrix.save.");
        }
        for (JsonNode l : layers) {
            names.add(l.get("name").asText());
            sizes.add(l.get("size").asInt());
        }
        UnitLayout layout = UnitLayout.of(names, sizes.stream().mapToInt(Integer::intValue).toArray());
        if (layout.units() != units) {
            throw new IOException(side + " describes " + layout.units() + " units but " + npy.getFileName() + " has "
                    + units + " columns: the two files do not belong together.");
        }
        return layout;
    }

    /** Reads {@code X.npy} and its sidecar (if present). */
    public static ResponsesMatrix load(Path npy) throws IOException {
        Npy.Array a = Npy.read(npy);
        if (a.shape().length != 2) {
            throw new IOException(npy + " has shape " + Arrays.toString(a.shape())
                    + ": responses are a 2-D [samples, units] array.");
        }
        int samples = a.dim(0), units = a.dim(1);
        float[] x;
        if (a.dtype().endsWith("f4")) {
            x = new float[Math.toIntExact(a.size())];
            ByteOrder order = a.dtype().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            a.data().duplicate().order(order).asFloatBuffer().get(x);
        } else {
            x = a.toFloats();
        }
        String pooling = "";
        Path side = sidecar(npy);
        if (Files.exists(side)) {
            JsonNode p = new ObjectMapper().readTree(side.toFile()).get("pooling");
            if (p != null) pooling = p.asText();
        }
        return new ResponsesMatrix(x, samples, readLayout(npy, units), pooling);
    }

    /** Writes 0/1 labels as an int64 {@code .npy} vector (what {@code interp4j expertise} reads). */
    public static void saveLabels(Path npy, int[] labels) throws IOException {
        Npy.writeLongs(npy, Arrays.stream(labels).asLongStream().toArray(), labels.length);
    }

    /** Reads 0/1 labels from a 1-D {@code .npy} vector. */
    public static int[] loadLabels(Path npy) throws IOException {
        try {
            return Labels.fromNpy(Npy.read(npy), npy.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ResponsesMatrix[" + samples + " samples x " + units() + " units, " + layout.layers() + " layers"
                + (pooling.isEmpty() ? "" : ", " + pooling + "-pooled") + "]";
    }
}

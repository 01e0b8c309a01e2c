package org.interp4j.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.interp4j.io.Npy;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.UnitLayout;

/**
 * A {@link TransportMap} on disk: {@code X.npz} with float32 {@code alpha}, {@code beta}, {@code lo},
 * {@code hi} and the layer sidecar {@code X.layout.json}; the old {@code .npy} of shape [2, units]
 * (α then β, unbounded support) is still read, and written for an unbounded map given a .npy name.
 */
final class TransportMapFile {

    private TransportMapFile() {
    }

    /** The layout sidecar of a map file: {@code X.layout.json} for {@code X.npz} or {@code X.npy}. */
    static Path sidecar(Path file) {
        return ResponsesMatrix.sidecar(asNpyName(file));
    }

    private static Path asNpyName(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".npz") || name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + ".npy");
    }

    /** See {@link TransportMap#save}. */
    static void save(TransportMap map, Path file) throws IOException {
        float[] alpha = map.alpha(), beta = map.beta(), lo = map.lo(), hi = map.hi();
        if (file.getFileName().toString().endsWith(".npy")) {
            if (!map.unbounded()) {
                throw new IllegalArgumentException("A .npy file holds only α and β: save a map with a support as .npz ("
                        + file.getFileName().toString().replaceAll("\\.npy$", ".npz") + ").");
            }
            Npy.writeFloats(file, TransportMap.join(alpha, beta), 2, alpha.length);
        } else {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            try (NDManager m = NDManager.newBaseManager(); OutputStream os = Files.newOutputStream(file)) {
                NDList list = new NDList();
                String[] names = {"alpha", "beta", "lo", "hi"};
                float[][] values = {alpha, beta, lo, hi};
                for (int i = 0; i < names.length; i++) {
                    NDArray a = m.create(values[i], new Shape(alpha.length));
                    a.setName(names[i]);
                    list.add(a);
                }
                list.encode(os, NDList.Encoding.NPZ);
            }
        }
        ResponsesMatrix.writeLayout(asNpyName(file), map.layout(), "transport");
    }

    /** See {@link TransportMap#load}. */
    static TransportMap load(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("No transport map at " + file.toAbsolutePath() + ".");
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read(head) != 2) throw new IOException(file + " is empty: write a map with TransportMap.save.");
        }
        if (head[0] == 'P' && head[1] == 'K') return loadNpz(file);
        Npy.Array a = Npy.read(file);
        if (a.shape().length != 2 || a.shape()[0] != 2) {
            throw new IOException(file + " has shape " + Arrays.toString(a.shape())
                    + ": a transport map is a [2, units] array (α, β) or an .npz; write it with TransportMap.save.");
        }
        int units = a.dim(1);
        float[] both = a.toFloats();
        UnitLayout layout = ResponsesMatrix.readLayout(asNpyName(file), units);
        return new TransportMap(layout, Arrays.copyOf(both, units), Arrays.copyOfRange(both, units, 2 * units));
    }

    private static TransportMap loadNpz(Path file) throws IOException {
        Map<String, float[]> arrays = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(m, in);
            for (NDArray a : list) {
                String name = a.getName() == null ? "" : a.getName().replaceAll("\\.npy$", "");
                arrays.put(name, a.toType(DataType.FLOAT32, false).toFloatArray());
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable .npz (" + e.getMessage() + "): write it with TransportMap.save.", e);
        }
        for (String need : new String[] {"alpha", "beta"}) {
            if (!arrays.containsKey(need)) {
                throw new IOException(file + " has no '" + need + "' array (it has " + arrays.keySet()
                        + "): a transport map .npz holds alpha, beta, lo and hi.");
            }
        }
        int units = arrays.get("alpha").length;
        float[] lo = arrays.getOrDefault("lo", TransportMap.filled(units, Float.NEGATIVE_INFINITY));
        float[] hi = arrays.getOrDefault("hi", TransportMap.filled(units, Float.POSITIVE_INFINITY));
        if (arrays.get("beta").length != units || lo.length != units || hi.length != units) {
            throw new IOException(file + " has arrays of different lengths (alpha " + units + ", beta "
                    + arrays.get("beta").length + ", lo " + lo.length + ", hi " + hi.length + "): one value per unit each.");
        }
        UnitLayout layout = ResponsesMatrix.readLayout(asNpyName(file), units);
        return new TransportMap(layout, arrays.get("alpha"), arrays.get("beta"), lo, hi);
    }
}

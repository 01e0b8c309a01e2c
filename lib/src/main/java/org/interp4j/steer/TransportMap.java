package org.interp4j.steer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.interp4j.expertise.ResponsesMatrix;
import org.interp4j.expertise.UnitLayout;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Hooked;
import org.interp4j.hooks.Interventions;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;

/**
 * A Linear-AcT transport map: for every unit an affine map {@code T(x) = α·x + β} that carries its
 * distribution on source sentences onto its distribution on target sentences. Applied with
 * strength λ as {@code (1−λ)·x + λ·T(x)}: λ = 0 leaves the model alone, λ = 1 transports fully.
 * Saved as a float32 {@code .npy} of shape [2, units] (row 0 α, row 1 β) with the layer sidecar
 * of {@link ResponsesMatrix}, so it can be read from Python as well.
 */
public final class TransportMap {

    private final UnitLayout layout;
    private final float[] alpha;
    private final float[] beta;

    public TransportMap(UnitLayout layout, float[] alpha, float[] beta) {
        if (alpha.length != layout.units() || beta.length != layout.units()) {
            throw new IllegalArgumentException("A transport map over " + layout.units() + " units needs as many α and β, got "
                    + alpha.length + " and " + beta.length + ".");
        }
        this.layout = layout;
        this.alpha = alpha.clone();
        this.beta = beta.clone();
    }

    public UnitLayout layout() {
        return layout;
    }

    /** α per unit, in column order (a copy). */
    public float[] alpha() {
        return alpha.clone();
    }

    /** β per unit, in column order (a copy). */
    public float[] beta() {
        return beta.clone();
    }

    /** {@code (1−λ)·x + λ·(α·x + β)} for the unit in column {@code uuid}. */
    public double apply(int uuid, double x, double lambda) {
        checkStrength(lambda);
        return (1 - lambda) * x + lambda * (alpha[uuid] * x + beta[uuid]);
    }

    /** The map restricted to the named layers (e.g. to steer with fewer layers). */
    public TransportMap layers(List<String> names) {
        List<Integer> cols = new ArrayList<>();
        int[] sizes = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            int l = layout.names().indexOf(names.get(i));
            if (l < 0) throw new IllegalArgumentException("No layer " + names.get(i) + "; layers are " + layout.names() + ".");
            sizes[i] = layout.size(l);
            for (int u = 0; u < sizes[i]; u++) cols.add(layout.start(l) + u);
        }
        float[] a = new float[cols.size()], b = new float[cols.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = alpha[cols.get(i)];
            b[i] = beta[cols.get(i)];
        }
        return new TransportMap(UnitLayout.of(names, sizes), a, b);
    }

    /** This map's layers followed by {@code other}'s (layer names must not repeat). */
    public TransportMap concat(TransportMap other) {
        List<String> names = new ArrayList<>(layout.names());
        names.addAll(other.layout.names());
        int[] sizes = IntStream.concat(IntStream.range(0, layout.layers()).map(layout::size),
                IntStream.range(0, other.layout.layers()).map(other.layout::size)).toArray();
        float[] a = Arrays.copyOf(alpha, alpha.length + other.alpha.length);
        float[] b = Arrays.copyOf(beta, beta.length + other.beta.length);
        System.arraycopy(other.alpha, 0, a, alpha.length, other.alpha.length);
        System.arraycopy(other.beta, 0, b, beta.length, other.beta.length);
        return new TransportMap(UnitLayout.of(names, sizes), a, b);
    }

    static void checkStrength(double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("The transport strength λ must be between 0 and 1 (0: no change, 1: full "
                    + "transport), got " + lambda + ".");
        }
    }

    /** One {@link Interventions#transport} hook per layer, at strength λ. */
    public List<Hooked> hooks(double lambda) {
        checkStrength(lambda);
        List<Hooked> hooks = new ArrayList<>();
        for (int l = 0; l < layout.layers(); l++) {
            int start = layout.start(l), size = layout.size(l);
            int[] units = IntStream.range(0, size).toArray();
            hooks.add(Hooked.at(layout.names().get(l), Interventions.transport(units,
                    Arrays.copyOfRange(alpha, start, start + size), Arrays.copyOfRange(beta, start, start + size), lambda)));
        }
        return hooks;
    }

    /** Fails with a clear message unless every layer is a hook point of {@code model} of the same size. */
    public void check(LanguageModel model) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int l = 0; l < layout.layers(); l++) sizes.put(layout.names().get(l), layout.size(l));
        PointSizes.check(model, sizes);
    }

    /** Checks the map against the model, then attaches it at strength λ until the handle is closed. */
    public HookHandle attach(LanguageModel model, double lambda) {
        checkStrength(lambda);
        check(model);
        List<HookHandle> handles = new ArrayList<>();
        for (Hooked h : hooks(lambda)) handles.add(model.addHook(h.name(), h.hook()));
        return Handles.all(handles);
    }

    /** Writes [2, units] float32 (α then β) and the layer sidecar. */
    public void save(Path npy) throws IOException {
        float[] both = Arrays.copyOf(alpha, 2 * alpha.length);
        System.arraycopy(beta, 0, both, alpha.length, beta.length);
        Npy.writeFloats(npy, both, 2, alpha.length);
        ResponsesMatrix.writeLayout(npy, layout, "transport");
    }

    /** Reads a map written by {@link #save}. */
    public static TransportMap load(Path npy) throws IOException {
        Npy.Array a = Npy.read(npy);
        if (a.shape().length != 2 || a.shape()[0] != 2) {
            throw new IOException(npy + " has shape " + Arrays.toString(a.shape())
                    + ": a transport map is a [2, units] array (α, β); write it with TransportMap.save.");
        }
        int units = a.dim(1);
        float[] both = a.toFloats();
        UnitLayout layout = ResponsesMatrix.readLayout(npy, units);
        return new TransportMap(layout, Arrays.copyOf(both, units), Arrays.copyOfRange(both, units, 2 * units));
    }

    @Override
    public String toString() {
        return "TransportMap[" + layout.units() + " units in " + layout.layers() + " layers]";
    }
}

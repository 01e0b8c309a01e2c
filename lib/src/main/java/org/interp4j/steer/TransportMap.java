package org.interp4j.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.LanguageModel;

/**
 * A Linear-AcT transport map: for every unit an affine map {@code T(x) = α·x + β} that carries its
 * distribution on source sentences onto its distribution on target sentences, and the unit's
 * <em>support</em> {@code (lo, hi)}: the range of its pooled source responses (min..max by default,
 * ml-act's {@code quantiles_src: q_0_100}). Applied with strength λ, a value x becomes
 * {@code (1−λ)·x + λ·T(x)} only where {@code lo < x < hi} (strictly, as ml-act's
 * {@code LearnableOTHook.forward}); values outside the support are left as they are, so the map is
 * never extrapolated far beyond the data it was fitted on. λ = 0 leaves the model alone.
 *
 * <p>Saved as {@code .npz} with float32 arrays {@code alpha}, {@code beta}, {@code lo}, {@code hi}
 * (one entry per unit; {@code numpy.load} reads it) and the layer sidecar {@code X.layout.json} of
 * {@link ResponsesMatrix}. Maps saved before supports existed ({@code .npy} of shape [2, units]:
 * α then β) still load, with an unbounded support.
 */
public final class TransportMap {

    private final UnitLayout layout;
    private final float[] alpha;
    private final float[] beta;
    private final float[] lo;
    private final float[] hi;

    /** A map with an unbounded support (every value is transported). */
    public TransportMap(UnitLayout layout, float[] alpha, float[] beta) {
        this(layout, alpha, beta, filled(alpha.length, Float.NEGATIVE_INFINITY), filled(alpha.length, Float.POSITIVE_INFINITY));
    }

    /** A map transporting unit u only where {@code lo[u] < x < hi[u]}. */
    public TransportMap(UnitLayout layout, float[] alpha, float[] beta, float[] lo, float[] hi) {
        int n = layout.units();
        if (alpha.length != n || beta.length != n || lo.length != n || hi.length != n) {
            throw new IllegalArgumentException("A transport map over " + n + " units needs as many α, β, lo and hi, got "
                    + alpha.length + ", " + beta.length + ", " + lo.length + " and " + hi.length + ".");
        }
        for (int u = 0; u < n; u++) {
            if (Float.isNaN(lo[u]) || Float.isNaN(hi[u]) || lo[u] > hi[u]) {
                throw new IllegalArgumentException("Unit " + layout.unitOf(u) + " of " + layout.names().get(layout.layerOf(u))
                        + " has support lo = " + lo[u] + " > hi = " + hi[u] + ": a support needs lo <= hi.");
            }
        }
        this.layout = layout;
        this.alpha = alpha.clone();
        this.beta = beta.clone();
        this.lo = lo.clone();
        this.hi = hi.clone();
    }

    static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
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

    /** Lower end of each unit's support (exclusive; −∞ when unbounded), a copy. */
    public float[] lo() {
        return lo.clone();
    }

    /** Upper end of each unit's support (exclusive; +∞ when unbounded), a copy. */
    public float[] hi() {
        return hi.clone();
    }

    /** True when no unit has a finite bound (maps from old files, or fitted with {@code q_all}). */
    public boolean unbounded() {
        for (int u = 0; u < lo.length; u++) {
            if (lo[u] != Float.NEGATIVE_INFINITY || hi[u] != Float.POSITIVE_INFINITY) return false;
        }
        return true;
    }

    /** The same α, β with every unit's support removed (transport everywhere, the pre-support behaviour). */
    public TransportMap withoutSupport() {
        return new TransportMap(layout, alpha, beta);
    }

    /**
     * What the hook does to value {@code x} of the unit in column {@code uuid}:
     * {@code (1−λ)·x + λ·(α·x + β)} if {@code lo < x < hi}, else x.
     */
    public double apply(int uuid, double x, double lambda) {
        checkStrength(lambda);
        if (!(lo[uuid] < x && x < hi[uuid])) return x;
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
        int n = cols.size();
        float[] a = new float[n], b = new float[n], l = new float[n], h = new float[n];
        for (int i = 0; i < n; i++) {
            int c = cols.get(i);
            a[i] = alpha[c];
            b[i] = beta[c];
            l[i] = lo[c];
            h[i] = hi[c];
        }
        return new TransportMap(UnitLayout.of(names, sizes), a, b, l, h);
    }

    /** This map's layers followed by {@code other}'s (layer names must not repeat). */
    public TransportMap concat(TransportMap other) {
        List<String> names = new ArrayList<>(layout.names());
        names.addAll(other.layout.names());
        int[] sizes = IntStream.concat(IntStream.range(0, layout.layers()).map(layout::size),
                IntStream.range(0, other.layout.layers()).map(other.layout::size)).toArray();
        return new TransportMap(UnitLayout.of(names, sizes), join(alpha, other.alpha), join(beta, other.beta),
                join(lo, other.lo), join(hi, other.hi));
    }

    static float[] join(float[] x, float[] y) {
        float[] z = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    static void checkStrength(double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("The transport strength λ must be between 0 and 1 (0: no change, 1: full "
                    + "transport), got " + lambda + ".");
        }
    }

    /** One hook per layer, transporting the values inside the support at strength λ. */
    public List<Hooked> hooks(double lambda) {
        checkStrength(lambda);
        List<Hooked> hooks = new ArrayList<>();
        for (int l = 0; l < layout.layers(); l++) {
            int start = layout.start(l), end = start + layout.size(l);
            hooks.add(Hooked.at(layout.names().get(l), hook(Arrays.copyOfRange(alpha, start, end),
                    Arrays.copyOfRange(beta, start, end), Arrays.copyOfRange(lo, start, end),
                    Arrays.copyOfRange(hi, start, end), lambda)));
        }
        return hooks;
    }

    /** x ↦ (1−λ)·x + λ·(α·x + β) where lo < x < hi, x elsewhere; per-head points are flattened head-major. */
    static Hook hook(float[] alpha, float[] beta, float[] lo, float[] hi, double lambda) {
        int n = alpha.length;
        float keep = (float) (1 - lambda), move = (float) lambda;
        return (x, ctx) -> {
            if (lambda == 0) return null;
            long[] s = x.getShape().getShape();
            long features = x.getShape().size() / (s[0] * s[1]);
            if (features != n) {
                throw new IllegalArgumentException("The transport map has " + n + " units for " + ctx.name() + " but it has "
                        + features + " per position: the map was made for another model.");
            }
            NDManager m = x.getManager();
            Shape one = new Shape(n);
            NDArray flat = x.reshape(s[0], s[1], n);
            NDArray mapped = flat.mul(m.create(alpha, one)).add(m.create(beta, one));
            NDArray blended = flat.mul(keep).add(mapped.mul(move));
            NDArray inside = flat.gt(m.create(lo, one)).logicalAnd(flat.lt(m.create(hi, one)));
            return NDArrays.where(inside, blended, flat).reshape(x.getShape());
        };
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

    // ---- files (read and written by TransportMapFile) ------------------------------------------

    /** The layout sidecar of a map file: {@code X.layout.json} for {@code X.npz} or {@code X.npy}. */
    public static Path sidecar(Path file) {
        return TransportMapFile.sidecar(file);
    }

    /**
     * Writes {@code X.npz} (float32 {@code alpha}, {@code beta}, {@code lo}, {@code hi}, each [units]) and the
     * layer sidecar. A {@code .npy} name writes the old [2, units] file, possible only for an unbounded map.
     */
    public void save(Path file) throws IOException {
        TransportMapFile.save(this, file);
    }

    /** Reads a map written by {@link #save}: {@code .npz} with its support, or an old [2, units] {@code .npy}. */
    public static TransportMap load(Path file) throws IOException {
        return TransportMapFile.load(file);
    }

    @Override
    public String toString() {
        return "TransportMap[" + layout.units() + " units in " + layout.layers() + " layers"
                + (unbounded() ? ", unbounded support" : "") + "]";
    }
}

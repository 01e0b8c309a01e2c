package org.interp4j.steer;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.interp4j.data.ConceptSet;
import org.interp4j.expertise.ResponsesMatrix;
import org.interp4j.expertise.ResponsesPooling;
import org.interp4j.expertise.ResponsesRecorder;
import org.interp4j.expertise.UnitLayout;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.LanguageModel;

/**
 * Linear-AcT (Rodriguez et al. 2024): a per-unit affine transport map from the activations a
 * model has on source sentences to those it has on target sentences.
 *
 * <p>In one dimension the optimal transport map between two distributions sends each quantile of
 * the source to the same quantile of the target. Linear-AcT keeps the best affine fit of that
 * map: both samples are sorted, paired quantile by quantile, and α, β solve the least-squares
 * problem {@code min Σ (α·s_(i) + β − t_(i))²}. Maps can be estimated for all layers at once (from
 * one pass over the unsteered model) or layer by layer ({@link Mode#INCREMENTAL}, the paper's
 * {@code incr}): layer l is fitted on activations produced with layers before l already transported,
 * so each map sees the inputs it will meet when the whole map is applied.
 */
public final class LinearAct {

    /** How the layers' maps are estimated. */
    public enum Mode {
        /** All layers from the unsteered model's activations ({@code atonce}). */
        AT_ONCE,
        /** Layer by layer, earlier layers already transported ({@code incr}). */
        INCREMENTAL;

        public static Mode parse(String s) {
            return switch (s.trim().toLowerCase()) {
                case "atonce", "at_once", "at-once" -> AT_ONCE;
                case "incr", "incremental" -> INCREMENTAL;
                default -> throw new IllegalArgumentException("Unknown mode '" + s + "': use atonce or incr.");
            };
        }
    }

    private final LanguageModel model;
    private final String[] points;
    private ResponsesPooling pooling = ResponsesPooling.MEAN;
    private Mode mode = Mode.AT_ONCE;
    private int batchSize = 16;
    private int maxTokens = 64;
    private PrintStream progress;

    private LinearAct(LanguageModel model, String[] points) {
        this.model = model;
        this.points = points;
    }

    /** Fits maps at the given hook points (names or patterns) of {@code model}. */
    public static LinearAct on(LanguageModel model, String... namesOrPatterns) {
        ResponsesRecorder.of(model, namesOrPatterns); // fails early on unknown points
        return new LinearAct(model, namesOrPatterns);
    }

    /** Token pooling of the fitted responses (default mean, as the paper). */
    public LinearAct pooling(ResponsesPooling p) {
        this.pooling = p;
        return this;
    }

    public LinearAct mode(Mode m) {
        this.mode = m;
        return this;
    }

    public LinearAct batchSize(int n) {
        this.batchSize = n;
        return this;
    }

    public LinearAct maxTokens(int n) {
        this.maxTokens = n;
        return this;
    }

    public LinearAct progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** A map from sentences without the concept (source) to sentences with it (target). */
    public TransportMap fit(ConceptSet concept) {
        if (concept.positives().isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept.name() + " has no positive examples: a transport map "
                    + "towards it needs sentences that mention it.");
        }
        if (concept.negatives().isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept.name() + " has no negative examples: a transport map "
                    + "needs sentences without it as the source.");
        }
        return fit(concept.negatives().stream().map(ConceptSet.Example::text).toList(),
                concept.positives().stream().map(ConceptSet.Example::text).toList());
    }

    /** A map carrying the model's activations on {@code source} onto those on {@code target}. */
    public TransportMap fit(List<String> source, List<String> target) {
        return fit(tokenize(source), tokenize(target));
    }

    /** As {@link #fit(List, List)}, for sentences given as token ids. */
    public TransportMap fit(long[][] source, long[][] target) {
        if (source.length == 0 || target.length == 0) {
            throw new IllegalArgumentException("Got " + source.length + " source and " + target.length
                    + " target sentences: a transport map needs at least one of each.");
        }
        ResponsesRecorder all = recorder(points);
        if (mode == Mode.AT_ONCE) return fit(all.record(source), all.record(target));
        TransportMap map = null;
        for (String layer : all.points()) {
            TransportMap step;
            // earlier layers transported fully while this one is measured
            try (HookHandle earlier = map == null ? () -> {} : map.attach(model, 1.0)) {
                ResponsesRecorder one = recorder(new String[] {layer});
                step = fit(one.record(source), one.record(target));
            }
            map = map == null ? step : map.concat(step);
            if (progress != null) progress.println("linear-act: fitted " + layer);
        }
        return map;
    }

    private long[][] tokenize(List<String> texts) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = model.tokenize(texts.get(i));
        return rows;
    }

    private ResponsesRecorder recorder(String[] at) {
        return ResponsesRecorder.of(model, at).pooling(pooling).batchSize(batchSize).maxTokens(maxTokens).progress(progress);
    }

    /** Maps fitted unit by unit from recorded source and target responses with the same layout. */
    public static TransportMap fit(ResponsesMatrix source, ResponsesMatrix target) {
        UnitLayout a = source.layout(), b = target.layout();
        if (!a.names().equals(b.names()) || a.units() != b.units()) {
            throw new IllegalArgumentException("Source responses " + a + " and target responses " + b
                    + " cover different units: record both at the same hook points of the same model.");
        }
        if (source.samples() == 0 || target.samples() == 0) {
            throw new IllegalArgumentException("Got " + source.samples() + " source and " + target.samples()
                    + " target samples: a transport map needs at least one of each.");
        }
        int n = a.units();
        float[] alpha = new float[n], beta = new float[n];
        for (int u = 0; u < n; u++) {
            double[] ab = fitUnit(source.column(u), target.column(u));
            alpha[u] = (float) ab[0];
            beta[u] = (float) ab[1];
        }
        return new TransportMap(a, alpha, beta);
    }

    /**
     * α and β of one unit: least squares between sorted source and sorted target values. Samples
     * of different sizes are compared at the same {@code min(n_s, n_t)} quantile levels. A unit
     * that never varies on the source is only shifted (α = 1).
     */
    public static double[] fitUnit(float[] source, float[] target) {
        int n = Math.min(source.length, target.length);
        if (n == 0) throw new IllegalArgumentException("A unit needs at least one source and one target value.");
        double[] s = quantiles(source, n), t = quantiles(target, n);
        double ms = 0, mt = 0;
        for (int i = 0; i < n; i++) {
            ms += s[i];
            mt += t[i];
        }
        ms /= n;
        mt /= n;
        double sst = 0, sss = 0;
        for (int i = 0; i < n; i++) {
            sst += (s[i] - ms) * (t[i] - mt);
            sss += (s[i] - ms) * (s[i] - ms);
        }
        double alpha = sss > 1e-12 * Math.max(1, ms * ms) * n ? sst / sss : 1.0;
        return new double[] {alpha, mt - alpha * ms};
    }

    /** The sorted values, or n evenly spaced quantiles of them (linear interpolation, numpy's default). */
    static double[] quantiles(float[] values, int n) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i];
        Arrays.sort(v);
        if (n == v.length) return v;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            double pos = n == 1 ? (v.length - 1) / 2.0 : i * (v.length - 1) / (double) (n - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, v.length - 1);
            q[i] = v[lo] + (pos - lo) * (v[hi] - v[lo]);
        }
        return q;
    }
}

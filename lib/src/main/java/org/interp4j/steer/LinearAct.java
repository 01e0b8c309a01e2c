package org.interp4j.steer;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.interp4j.data.ConceptSet;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.HookHandle;
import org.interp4j.model.LanguageModel;

/**
 * Linear-AcT (Rodriguez et al. 2024): a per-unit affine transport map from the activations a
 * model has on source sentences to those it has on target sentences.
 *
 * <p>Defaults follow apple/ml-act ({@code configs/intervention_params/linear_ot.yaml}): responses
 * mean-pooled over tokens, maps fitted {@code incr}ementally, each unit's support the min..max of
 * its pooled source responses ({@code quantiles_src: q_0_100}), at every layer's norm outputs
 * ({@link #DEFAULT_POINTS}, the kit's names for GPT-2's {@code .+ln_.+} modules). When source and
 * target differ in size, both are cut to the smaller size by a seeded random draw (ml-act's
 * {@code balanced=True}, seed 42), since 1-D transport pairs the i-th smallest of each.
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

    /**
     * Where maps go by default: every block's two norm outputs. ml-act's GPT-2 config matches
     * {@code .+ln_.+} (ln_1, ln_2 of every block and also ln_f; add {@code ln_final.hook_normalized}
     * for that); its Llama and Gemma configs match {@code .+layernorm} (the two norms of each layer,
     * not the final one).
     */
    public static final List<String> DEFAULT_POINTS = List.of("blocks.*.ln1.hook_normalized", "blocks.*.ln2.hook_normalized");

    /** ml-act's default seed ({@code configs/text_generation.yaml}: {@code seed: 42}). */
    public static final long DEFAULT_SEED = 42;

    private final LanguageModel model;
    private final String[] points;
    private ResponsesPooling pooling = ResponsesPooling.MEAN;
    private Mode mode = Mode.INCREMENTAL;
    private Support support = Support.MIN_MAX;
    private boolean balanced = true;
    private long seed = DEFAULT_SEED;
    private int batchSize = 16;
    private int maxTokens = 64;
    private PrintStream progress;

    private LinearAct(LanguageModel model, String[] points) {
        this.model = model;
        this.points = points;
    }

    /** Fits maps at the given hook points (names or patterns) of {@code model}; none: {@link #DEFAULT_POINTS}. */
    public static LinearAct on(LanguageModel model, String... namesOrPatterns) {
        String[] at = namesOrPatterns.length == 0 ? DEFAULT_POINTS.toArray(String[]::new) : namesOrPatterns;
        ResponsesRecorder.of(model, at); // fails early on unknown points
        return new LinearAct(model, at);
    }

    /** The hook points the maps go on, in forward order. */
    public List<String> points() {
        return ResponsesRecorder.of(model, points).points();
    }

    /** Where each unit is transported (default {@link Support#MIN_MAX}, ml-act's {@code q_0_100}). */
    public LinearAct support(Support s) {
        this.support = s;
        return this;
    }

    public LinearAct support(String spec) {
        return support(Support.parse(spec));
    }

    /**
     * Whether source and target are cut to the same number of sentences by a seeded random draw
     * (default true, as ml-act); if false, samples of different sizes are compared at common quantiles.
     */
    public LinearAct balanced(boolean b) {
        this.balanced = b;
        return this;
    }

    /** Seed of the balancing draw (default 42, as ml-act). */
    public LinearAct seed(long s) {
        this.seed = s;
        return this;
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
        if (balanced && source.length != target.length) {
            int n = Math.min(source.length, target.length);
            Random random = new Random(seed);
            source = subsample(source, n, random);
            target = subsample(target, n, random);
        }
        ResponsesRecorder all = recorder(points);
        if (mode == Mode.AT_ONCE) return fit(all.record(source), all.record(target), support);
        TransportMap map = null;
        for (String layer : all.points()) {
            TransportMap step;
            // earlier layers transported fully (λ = 1, within their supports) while this one is measured,
            // as ml-act's learn_intervention_all_incremental loads the hooks already learnt
            try (HookHandle earlier = map == null ? () -> {} : map.attach(model, 1.0)) {
                ResponsesRecorder one = recorder(new String[] {layer});
                step = fit(one.record(source), one.record(target), support);
            }
            map = map == null ? step : map.concat(step);
            if (progress != null) progress.println("linear-act: fitted " + layer);
        }
        return map;
    }

    /** {@code n} rows drawn without replacement in a seeded random order (all rows when n is their number). */
    static long[][] subsample(long[][] rows, int n, Random random) {
        if (n >= rows.length) return rows;
        int[] order = IntStream.range(0, rows.length).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) out[i] = rows[order[i]];
        return out;
    }

    private long[][] tokenize(List<String> texts) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = model.tokenize(texts.get(i));
        return rows;
    }

    private ResponsesRecorder recorder(String[] at) {
        return ResponsesRecorder.of(model, at).pooling(pooling).batchSize(batchSize).maxTokens(maxTokens).progress(progress);
    }

    /**
     * Maps fitted unit by unit from recorded source and target responses with the same layout, each
     * unit's support the min..max of its source responses.
     */
    public static TransportMap fit(ResponsesMatrix source, ResponsesMatrix target) {
        return fit(source, target, Support.MIN_MAX);
    }

    /** As {@link #fit(ResponsesMatrix, ResponsesMatrix)}, with the given support. */
    public static TransportMap fit(ResponsesMatrix source, ResponsesMatrix target, Support support) {
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
        float[] alpha = new float[n], beta = new float[n], lo = new float[n], hi = new float[n];
        for (int u = 0; u < n; u++) {
            float[] s = source.column(u);
            double[] ab = fitUnit(s, target.column(u));
            alpha[u] = (float) ab[0];
            beta[u] = (float) ab[1];
            float[] range = support.bounds(s);
            lo[u] = range[0];
            hi[u] = range[1];
        }
        return new TransportMap(a, alpha, beta, lo, hi);
    }

    /**
     * α and β of one unit: least squares between sorted source and sorted target values. Samples
     * of different sizes are compared at the same {@code min(n_s, n_t)} quantile levels. A unit
     * that never varies on the source is only shifted (α = 1); ml-act adds 1e-8 noise instead, which
     * gives an arbitrary slope, but with a min..max support such a unit is never transported anyway.
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

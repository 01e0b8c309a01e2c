package org.interp4j.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interp4j.data.ConceptSet;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Hooked;
import org.interp4j.io.Npy;
import org.interp4j.model.LanguageModel;

/**
 * The difference-of-means steering baseline (ActAdd, Turner et al. 2023; contrastive activation
 * addition, Rimsky et al. 2024): one vector {@code v = μ_concept − μ_other} of a layer's residual
 * stream, where each μ is the mean over sentences of the sentence's mean over its tokens, added as
 * {@code x + c·v} at <em>every</em> position of every forward call (prompt and generated tokens).
 * The default point is {@code blocks.{l}.hook_resid_post}, the output of block l (CAA's choice; the
 * same stream as {@code blocks.{l+1}.hook_resid_pre}); any per-token point can be given.
 * <pre>{@code
 * MeanDifference v = MeanDifference.fit(model, 6, ConceptSet.load("sport"));
 * try (HookHandle h = v.attach(model, 4.0)) { model.generate("Once upon a time", opts); }
 * }</pre>
 */
public final class MeanDifference {

    private final String point;
    private final float[] vector;

    public MeanDifference(String point, float[] vector) {
        if (vector.length == 0) throw new IllegalArgumentException("A steering vector needs at least one component.");
        this.point = point;
        this.vector = vector.clone();
    }

    /** {@code blocks.{layer}.hook_resid_post}. */
    public static String residPost(int layer) {
        return "blocks." + layer + ".hook_resid_post";
    }

    /** μ(positives) − μ(negatives) of the concept set at {@code blocks.{layer}.hook_resid_post}. */
    public static MeanDifference fit(LanguageModel model, int layer, ConceptSet concept) {
        if (concept.positives().isEmpty() || concept.negatives().isEmpty()) {
            throw new IllegalArgumentException("Concept " + concept.name() + " has " + concept.positives().size() + " positive and "
                    + concept.negatives().size() + " negative examples: a mean difference needs sentences with and without it.");
        }
        return fit(model, residPost(layer), concept.positives().stream().map(ConceptSet.Example::text).toList(),
                concept.negatives().stream().map(ConceptSet.Example::text).toList());
    }

    /** μ(concept) − μ(other) at {@code point}: texts tokenized by the model. */
    public static MeanDifference fit(LanguageModel model, String point, List<String> concept, List<String> other) {
        return fit(model, point, tokenize(model, concept), tokenize(model, other));
    }

    /** μ(concept) − μ(other) at {@code point}, for sentences given as token ids. */
    public static MeanDifference fit(LanguageModel model, String point, long[][] concept, long[][] other) {
        if (concept.length == 0 || other.length == 0) {
            throw new IllegalArgumentException("Got " + concept.length + " concept and " + other.length
                    + " other sentences: a mean difference needs at least one of each.");
        }
        ResponsesRecorder rec = ResponsesRecorder.of(model, point).pooling(ResponsesPooling.MEAN);
        if (rec.points().size() != 1) {
            throw new IllegalArgumentException(point + " names " + rec.points().size() + " hook points: a steering vector "
                    + "lives at exactly one, e.g. blocks.6.hook_resid_post.");
        }
        return of(rec.record(concept), rec.record(other));
    }

    /** From recorded (token-pooled) responses of one point: the difference of the column means. */
    public static MeanDifference of(ResponsesMatrix concept, ResponsesMatrix other) {
        UnitLayout a = concept.layout(), b = other.layout();
        if (a.layers() != 1 || !a.names().equals(b.names()) || a.units() != b.units()) {
            throw new IllegalArgumentException("Concept responses " + a + " and other responses " + b
                    + " must cover the same single hook point.");
        }
        float[] v = new float[a.units()];
        for (int u = 0; u < v.length; u++) v[u] = (float) (mean(concept.column(u)) - mean(other.column(u)));
        return new MeanDifference(a.names().get(0), v);
    }

    private static double mean(float[] x) {
        double s = 0;
        for (float f : x) s += f;
        return s / x.length;
    }

    private static long[][] tokenize(LanguageModel model, List<String> texts) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = model.tokenize(texts.get(i));
        return rows;
    }

    public String point() {
        return point;
    }

    /** v (a copy). */
    public float[] vector() {
        return vector.clone();
    }

    /** ‖v‖₂, to compare coefficients with the stream's typical norm. */
    public double norm() {
        double s = 0;
        for (float f : vector) s += (double) f * f;
        return Math.sqrt(s);
    }

    /** The hook adding {@code coef·v} at every position. */
    public List<Hooked> hooks(double coef) {
        if (!Double.isFinite(coef)) throw new IllegalArgumentException("The coefficient must be a finite number, got " + coef + ".");
        float[] add = new float[vector.length];
        for (int i = 0; i < add.length; i++) add[i] = (float) (coef * vector[i]);
        int n = add.length;
        Hook h = (x, ctx) -> {
            if (coef == 0) return null;
            long[] s = x.getShape().getShape();
            long features = x.getShape().size() / (s[0] * s[1]);
            if (features != n) {
                throw new IllegalArgumentException("The steering vector has " + n + " components but " + ctx.name() + " has "
                        + features + " per position: it was made for another model.");
            }
            NDArray flat = x.reshape(s[0], s[1], n);
            return flat.add(x.getManager().create(add, new Shape(n))).reshape(x.getShape());
        };
        return List.of(Hooked.at(point, h));
    }

    /** Fails clearly unless the point exists in {@code model} with as many features as v. */
    public void check(LanguageModel model) {
        PointSizes.check(model, Map.of(point, vector.length));
    }

    /** Checks, then adds {@code coef·v} at every position until the handle is closed. */
    public HookHandle attach(LanguageModel model, double coef) {
        check(model);
        Hooked h = hooks(coef).get(0);
        return model.addHook(h.name(), h.hook());
    }

    /** Writes v as a float32 {@code .npy} [units] with the layout sidecar naming its point. */
    public void save(Path npy) throws IOException {
        Npy.writeFloats(npy, vector, vector.length);
        ResponsesMatrix.writeLayout(npy, UnitLayout.of(List.of(point), new int[] {vector.length}), "mean-difference");
    }

    /** Reads a vector written by {@link #save}. */
    public static MeanDifference load(Path npy) throws IOException {
        Npy.Array a = Npy.read(npy);
        if (a.shape().length != 1) {
            throw new IOException(npy + " has shape " + Arrays.toString(a.shape())
                    + ": a steering vector is a 1-D [units] array; write it with MeanDifference.save.");
        }
        float[] v = a.toFloats();
        UnitLayout layout = ResponsesMatrix.readLayout(npy, v.length);
        if (layout.layers() != 1 || !ResponsesMatrix.sidecar(npy).toFile().exists()) {
            throw new IOException(npy + " needs its sidecar " + ResponsesMatrix.sidecar(npy).getFileName()
                    + " naming one hook point: write it with MeanDifference.save.");
        }
        return new MeanDifference(layout.names().get(0), v);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MeanDifference[%s, %d units, norm %.3g]", point, vector.length, norm());
    }
}

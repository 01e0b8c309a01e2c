package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.interp4j.model.LanguageModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The token-frequency direction, as the original's {@code mean_ablate_components} builds it: in
 * vocabulary (logit) space the mean-centred log unigram distribution scaled to unit length,
 * <pre>  u = (log p − mean(log p)) / ‖log p − mean(log p)‖ </pre>
 * Moving the logits along u makes frequent tokens likelier and rare ones less likely. Its
 * "long-tail" variant (the original's {@code longtail} vector) keeps only the entries of chosen
 * tokens (e.g. those rarer than a threshold), zeroes the rest and renormalises.
 * <p>
 * In the residual stream the matching direction is the one the final norm and unembedding turn into
 * logit movement along u: {@code d = P(g ⊙ W_U·u)} (g the final norm's gain, P the LayerNorm
 * centring or identity for RMSNorm), because a residual vector w moves the logits' projection on u
 * by {@code w·d / s}, s the norm's (positive) scale at that position.
 */
public final class UnigramDirection {
    private final float[] vocab;

    private UnigramDirection(float[] vocab) {
        this.vocab = vocab;
    }

    /** The full direction from a (smoothed, strictly positive) unigram distribution. */
    public static UnigramDirection of(double[] distribution) {
        return fromLog(logs(distribution), null);
    }

    public static UnigramDirection of(TokenFrequencies frequencies) {
        return fromLog(frequencies.logDistribution(), null);
    }

    /**
     * The long-tail direction: the full direction's entries on tokens whose probability is at most
     * {@code maxProbability}, zero elsewhere, rescaled to unit length.
     */
    public static UnigramDirection longtail(TokenFrequencies frequencies, double maxProbability) {
        double[] p = frequencies.distribution();
        boolean[] keep = new boolean[p.length];
        for (int i = 0; i < p.length; i++) keep[i] = p[i] <= maxProbability;
        return fromLog(frequencies.logDistribution(), keep);
    }

    /** The full direction restricted to tokens with {@code keep[i]}, rescaled to unit length. */
    public static UnigramDirection restricted(double[] distribution, boolean[] keep) {
        if (keep.length != distribution.length) {
            throw new IllegalArgumentException("The mask has " + keep.length + " entries but the distribution "
                    + distribution.length + ": give one entry per token.");
        }
        return fromLog(logs(distribution), keep);
    }

    private static double[] logs(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0)) {
                throw new IllegalArgumentException("Token " + i + " has probability " + p[i]
                        + ": smooth the distribution (e.g. add one to every count) so every log is finite.");
            }
            l[i] = Math.log(p[i]);
        }
        return l;
    }

    private static UnigramDirection fromLog(double[] logP, boolean[] keep) {
        double mean = 0;
        for (double v : logP) mean += v;
        mean /= logP.length;
        double[] u = new double[logP.length];
        double norm = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = logP[i] - mean;
            if (keep != null && !keep[i]) u[i] = 0;
            norm += u[i] * u[i];
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            throw new IllegalArgumentException("The unigram direction is zero: the distribution is uniform"
                    + (keep != null ? " on the kept tokens, or no token was kept" : "") + ".");
        }
        float[] f = new float[u.length];
        for (int i = 0; i < u.length; i++) f[i] = (float) (u[i] / norm);
        return new UnigramDirection(f);
    }

    /** u in vocabulary space, unit length. */
    public float[] vocab() {
        return vocab.clone();
    }

    public int size() {
        return vocab.length;
    }

    public NDArray vocab(NDManager manager) {
        return manager.create(vocab, new Shape(vocab.length));
    }

    /** Projection of logits [..., vocab] on u. */
    public NDArray project(NDArray logits) {
        return logits.matMul(vocab(logits.getManager()).reshape(-1, 1)).squeeze(-1);
    }

    /** The residual-stream direction d = P(g ⊙ W_U·u) of a model, unit length [d_model]. */
    public float[] residual(LanguageModel model) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray d = residual(Readout.of(model, m), m);
            return d.div(d.norm()).toFloatArray();
        }
    }

    /** d = P(g ⊙ W_U·u), not normalised: w·d / s is what w does to the logits' projection on u. */
    NDArray residual(Readout readout, NDManager m) {
        checkVocab(readout.unembed().getShape().get(1));
        NDArray wu = readout.unembed().matMul(vocab(m).reshape(-1, 1)).reshape(-1);
        return readout.centre(wu.mul(readout.gain()));
    }

    private void checkVocab(long v) {
        if (v != vocab.length) {
            throw new IllegalArgumentException("The unigram direction has " + vocab.length
                    + " entries but the model's vocabulary has " + v + ": count tokens with this model's tokenizer.");
        }
    }

    /**
     * How each neuron of a layer's MLP writes along the frequency direction, one row per neuron:
     * {@code projection} = W_out[n]·d̂ (d̂ the unit residual direction), {@code cosine} between W_out[n]
     * and d, and {@code logit_projection} = W_out[n]·d, the movement of the logits along u per unit
     * of activation when the norm's scale is 1 (positive: the neuron pushes towards frequent tokens).
     */
    public Table neuronProjections(LanguageModel model, int layer) {
        try (NDManager m = NDManager.newBaseManager()) {
            Readout r = Readout.of(model, m);
            NDArray d = residual(r, m);
            NDArray w = r.neuronOutputWeights(layer);
            float[] logit = w.matMul(d.reshape(-1, 1)).reshape(-1).toFloatArray();
            float dNorm = d.norm().getFloat();
            float[] rowNorm = w.square().sum(new int[] {1}).sqrt().toFloatArray();
            IntColumn layerCol = IntColumn.create("layer"), neuron = IntColumn.create("neuron");
            DoubleColumn proj = DoubleColumn.create("projection"), cos = DoubleColumn.create("cosine"),
                    lp = DoubleColumn.create("logit_projection");
            for (int n = 0; n < logit.length; n++) {
                layerCol.append(layer);
                neuron.append(n);
                proj.append(logit[n] / dNorm);
                cos.append(rowNorm[n] > 0 ? logit[n] / (dNorm * rowNorm[n]) : 0);
                lp.append(logit[n]);
            }
            return Table.create("unigram projections", layerCol, neuron, proj, cos, lp);
        }
    }
}

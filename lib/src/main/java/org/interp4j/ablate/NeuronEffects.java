package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.interp4j.model.LanguageModel;
import tech.tablesaw.api.Table;

/**
 * The effect of ablating each neuron of one MLP layer on next-token prediction, averaged over the
 * scored positions of some texts: the mediation analysis of the original's {@code ablate_unigram.py}.
 * For each neuron n the activation a is replaced by the ablation value ā (its mean over the texts,
 * or 0), i.e. the residual stream gets Δa·W_out[n] with Δa = ā − a. Three paths are measured:
 * <ul>
 * <li><b>total</b>: the change propagates through the whole network and the final norm is
 *     recomputed. For the last layer nothing but the final norm follows the MLP, so this is done in
 *     closed form for all neurons at once (the norm's new scale from ‖r + Δa·w‖); for earlier layers
 *     it takes one forward pass per neuron ({@link ForwardEffects}).</li>
 * <li><b>direct</b>: only the neuron's own write to the final residual is removed, everything else
 *     frozen, the final norm's scale s held at its clean value: x = ℓ + (Δa / s)·v_n with
 *     v_n = W_U·(g ⊙ P(W_out[n])). Any layer, all neurons from one cached run.</li>
 * <li><b>frozen unigram</b> (the original's {@code loss_post_ablation_with_frozen_unigram}): the
 *     total-path logits with their projection on the unigram direction u put back to the clean
 *     value, so only the part of the effect not mediated by the frequency direction remains.</li>
 * </ul>
 * Measures: change in loss (−log p of the actual next token) and in entropy, KL(clean ‖ ablated),
 * and KL(unigram ‖ model) before and after (the original's {@code kl_divergence_before/after}).
 */
public final class NeuronEffects {
    public enum Mode { MEAN, ZERO }

    private final LanguageModel model;
    private int layer;
    private int[] neurons;
    private Mode mode = Mode.MEAN;
    private float[] means;
    private TokenFrequencies frequencies;
    private UnigramDirection direction;
    private int batchSize = 8;
    private int neuronChunk = 256;
    private boolean directPath = true;
    private IntConsumer progress = done -> {};

    private NeuronEffects(LanguageModel model) {
        this.model = model;
        this.layer = model.config().nLayers() - 1;
    }

    /** Effects of every neuron of the last layer, mean ablation; change with the setters below. */
    public static NeuronEffects of(LanguageModel model) {
        return new NeuronEffects(model);
    }

    public NeuronEffects layer(int layer) {
        if (layer < 0 || layer >= model.config().nLayers()) {
            throw new IllegalArgumentException("Layer " + layer + " does not exist: this model has layers 0.."
                    + (model.config().nLayers() - 1) + ".");
        }
        this.layer = layer;
        return this;
    }

    /** Only these neurons (default: all of the layer). */
    public NeuronEffects neurons(int... neurons) {
        Ablation.check(model, "blocks." + layer + ".mlp.hook_post", neurons);
        this.neurons = neurons.clone();
        return this;
    }

    public NeuronEffects mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Mean-ablation values of all d_mlp neurons (default: their means over the scored texts). */
    public NeuronEffects means(float[] meansOfAllNeurons) {
        if (meansOfAllNeurons.length != model.config().dMlp()) {
            throw new IllegalArgumentException("Got " + meansOfAllNeurons.length + " means but the layer has "
                    + model.config().dMlp() + " neurons: give one mean per neuron.");
        }
        this.means = meansOfAllNeurons.clone();
        return this;
    }

    /** Adds the unigram measures (frozen-unigram loss, KL from unigram) with the full direction. */
    public NeuronEffects unigram(TokenFrequencies frequencies) {
        return unigram(frequencies, UnigramDirection.of(frequencies));
    }

    /** As {@link #unigram(TokenFrequencies)} with another direction, e.g. the long-tail one. */
    public NeuronEffects unigram(TokenFrequencies frequencies, UnigramDirection direction) {
        if (frequencies.vocabSize() != model.config().vocabSize() || direction.size() != model.config().vocabSize()) {
            throw new IllegalArgumentException("The unigram counts cover " + frequencies.vocabSize()
                    + " tokens but the model's vocabulary has " + model.config().vocabSize()
                    + ": count tokens with this model's tokenizer.");
        }
        this.frequencies = frequencies;
        this.direction = direction;
        return this;
    }

    public NeuronEffects batchSize(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
        return this;
    }

    /** Neurons per step (their logit directions, [neurons, vocab] floats, are held at once). */
    public NeuronEffects chunking(int neuronChunk) {
        this.neuronChunk = Math.max(1, neuronChunk);
        return this;
    }

    /**
     * Leaves out the direct path and its columns. A selection ({@link NeuronSelection}) reads only the
     * total and frozen-unigram paths, so re-ranking (e.g. with other means) takes about a third less time.
     */
    public NeuronEffects withoutDirectPath() {
        this.directPath = false;
        return this;
    }

    /** Called with the number of neurons done after each step (e.g. to drive a progress bar). */
    public NeuronEffects progress(IntConsumer progress) {
        this.progress = progress;
        return this;
    }

    public boolean isLastLayer() {
        return layer == model.config().nLayers() - 1;
    }

    /** One row per neuron: see {@link EffectStats#COLUMNS} and the class comment. */
    public Table compute(ScoredTexts texts) {
        int[] ns = neurons != null ? neurons : range(model.config().dMlp());
        try (NDManager m = NDManager.newBaseManager()) {
            CleanPass clean = new CleanPass(model, layer, texts, batchSize, m);
            float[] values = ablationValues(clean, ns);
            EffectStats stats = new EffectStats(layer, ns, values);
            Readout readout = Readout.of(model, m);
            UnigramTerms uni = frequencies == null ? null : new UnigramTerms(m, clean, readout, frequencies, direction);
            NDArray wOut = readout.neuronOutputWeights(layer);
            PositionTerms positions = PositionTerms.of(clean, readout, m);
            float[] act = clean.activations.toFloatArray();
            int dMlp = model.config().dMlp();
            for (int j = 0; j < ns.length; j++) {
                for (int t = 0; t < clean.count; t++) stats.activationSum[j] += act[t * dMlp + ns[j]];
            }
            for (int from = 0; from < ns.length; from += neuronChunk) {
                int to = Math.min(ns.length, from + neuronChunk);
                try (NDManager cm = m.newSubManager()) {
                    NeuronChunk k = NeuronChunk.of(cm, clean, readout, uni, wOut, ns, values, from, to);
                    if (directPath) DirectPath.add(cm, k, positions, clean, stats);
                    if (isLastLayer()) {
                        LastLayerTotalPath.Renormalised total = LastLayerTotalPath.add(cm, k, positions, clean, readout,
                                uni, model.config().dModel(), stats);
                        if (uni != null) FrozenUnigramPath.add(cm, k, positions, clean, uni, total, stats);
                    }
                }
                progress.accept(to);
            }
            if (!isLastLayer()) {
                ForwardEffects.addTotals(model, layer, ns, values, texts, clean, uni, batchSize, stats, progress);
            }
            float[] projection = direction == null ? null : projections(readout, uni, wOut, ns, m);
            return stats.table(clean, projection);
        }
    }

    /** Computes and writes the table as CSV. */
    public Table computeToCsv(ScoredTexts texts, Path csv) {
        Table t = compute(texts);
        t.write().csv(csv.toFile());
        return t;
    }

    private float[] ablationValues(CleanPass clean, int[] ns) {
        float[] v = new float[ns.length];
        if (mode == Mode.ZERO) return v;
        float[] all = means != null ? means : clean.meanActivations;
        for (int j = 0; j < ns.length; j++) v[j] = all[ns[j]];
        return v;
    }

    private float[] projections(Readout readout, UnigramTerms uni, NDArray wOut, int[] ns, NDManager m) {
        NDArray d = direction.residual(readout, m);
        NDArray unit = d.div(d.norm());
        float[] all = wOut.matMul(unit.reshape(-1, 1)).reshape(-1).toFloatArray();
        float[] out = new float[ns.length];
        for (int j = 0; j < ns.length; j++) out[j] = all[ns[j]];
        return out;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}

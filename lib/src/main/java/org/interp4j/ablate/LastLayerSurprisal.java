package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.interp4j.model.LanguageModel;

/**
 * Word surprisal with neurons of the last MLP layer ablated, without a forward pass per ablation.
 * Only the final norm and the unembedding follow the last MLP, so setting neurons n to values v_n
 * changes the final residual at each position to r + Σ_n (v_n − a_n)·w_n and the logits to the
 * readout of that: exact, like a hooked forward pass, up to float rounding. One clean run keeps r and
 * the activations at the positions that predict the words; each ablation then costs one readout of
 * those positions. This lets a lecture compare many ablations (the selected neurons, zero and mean,
 * random same-size sets) over hundreds of words on a laptop. Close it to free its arrays.
 */
public final class LastLayerSurprisal implements AutoCloseable {
    private final NDManager manager;
    private final CleanPass clean;
    private final Readout readout;
    private final NDArray wOut;
    private final ScoredTexts words;
    private final LanguageModel model;
    private final String lastPost;
    private final int dMlp;

    private LastLayerSurprisal(LanguageModel model, ScoredTexts words, int batchSize) {
        for (int s : words.wordStart()) {
            if (s < 0) throw new IllegalArgumentException("These texts have no target words: make them with ScoredTexts.ofWords.");
        }
        this.words = words;
        this.model = model;
        this.dMlp = model.config().dMlp();
        manager = NDManager.newBaseManager();
        int last = model.config().nLayers() - 1;
        lastPost = "blocks." + last + ".mlp.hook_post";
        clean = new CleanPass(model, last, words, batchSize, manager);
        readout = Readout.of(model, manager);
        wOut = readout.neuronOutputWeights(last);
    }

    /** One clean run over the words (made with {@link ScoredTexts#ofWords} or {@code ofContexts}). */
    public static LastLayerSurprisal of(LanguageModel model, ScoredTexts words, int batchSize) {
        return new LastLayerSurprisal(model, words, Math.max(1, batchSize));
    }

    /** Each last-layer neuron's mean over all real positions of the texts: the mean-ablation values. */
    public float[] means() {
        return clean.meanActivations.clone();
    }

    /** Mean activation of each last-layer neuron at the positions that predict the words. */
    public float[] meansAtWords() {
        return clean.activations.mean(new int[] {0}).toFloatArray();
    }

    /** Unablated surprisal per word, nats. */
    public double[] clean() {
        return perWord(clean.loss);
    }

    /** Surprisal per word with the neurons set to zero. */
    public double[] zero(int... neurons) {
        return ablated(neurons, new float[neurons.length]);
    }

    /** Surprisal per word with the neurons set to their values in {@code meansOfAllNeurons} (one per neuron). */
    public double[] mean(int[] neurons, float[] meansOfAllNeurons) {
        if (meansOfAllNeurons.length != dMlp) {
            throw new IllegalArgumentException("Got " + meansOfAllNeurons.length + " means but the layer has " + dMlp
                    + " neurons: give one mean per neuron, e.g. from means().");
        }
        Ablation.check(model, lastPost, neurons);
        float[] v = new float[neurons.length];
        for (int j = 0; j < neurons.length; j++) v[j] = meansOfAllNeurons[neurons[j]];
        return ablated(neurons, v);
    }

    /** Surprisal per word with neuron {@code neurons[j]} set to {@code values[j]}. */
    public double[] ablated(int[] neurons, float[] values) {
        if (neurons.length != values.length) {
            throw new IllegalArgumentException("Got " + neurons.length + " neurons but " + values.length
                    + " values: give one value per neuron.");
        }
        if (neurons.length == 0) return clean();
        Ablation.check(model, lastPost, neurons);
        long[] idx = new long[neurons.length];
        for (int j = 0; j < idx.length; j++) idx[j] = neurons[j];
        try (NDManager m = manager.newSubManager()) {
            NDArray sel = m.create(idx);
            NDArray w = wOut.get(m, new NDIndex("{}", sel)); // [k, d]
            NDArray a = clean.activations.get(new NDIndex(":, {}", sel)); // [T, k]
            a.attach(m);
            NDArray delta = m.create(values, new Shape(1, values.length)).sub(a);
            NDArray resid = delta.matMul(w).addi(clean.resid); // in m, so are the readout's arrays
            NDArray ls = readout.logits(resid).logSoftmax(1);
            float[] loss = ls.gather(clean.targets.reshape(-1, 1), 1).reshape(-1).neg().toFloatArray();
            return perWord(loss);
        }
    }

    /** Sums per-position losses over each word's positions (the scored positions, in row order). */
    private double[] perWord(float[] loss) {
        double[] out = new double[words.size()];
        int k = 0;
        for (int i = 0; i < out.length; i++) {
            for (int p = 0; p < words.positions()[i].length; p++) out[i] += loss[k++];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.interp4j.model.Architecture;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelConfig;

/**
 * The last steps of the forward pass as the direct path sees them: the final norm (gain g, bias b,
 * epsilon), the unembedding W_U [d_model, vocab] and each layer's MLP output weights W_out
 * [d_mlp, d_model] (row n: what neuron n adds to the residual stream per unit of activation).
 * Only the weight names differ between families; the maths is the same:
 * <pre>
 *   RMSNorm:   h = g ⊙ r / s,          s = sqrt(mean(r²) + eps)
 *   LayerNorm: h = g ⊙ P(r) / s + b,   s = sqrt(mean(P(r)²) + eps),  P(r) = r − mean(r)
 *   logits = h · W_U
 * </pre>
 * The arrays are views of the model's own weights: do not change them.
 */
public final class Readout {
    private final LanguageModel model;
    private final NDManager manager;
    private final ModelConfig cfg;
    private final boolean layerNorm;
    private final NDArray gain, bias, unembed;

    private Readout(LanguageModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
        this.cfg = model.config();
        Architecture a = cfg.architecture();
        switch (a) {
            case GPT2 -> {
                layerNorm = true;
                gain = model.parameter("ln_f.weight");
                bias = model.parameter("ln_f.bias");
                unembed = view(model.parameter("wte.weight").transpose());
            }
            case GPT_NEOX -> {
                layerNorm = true;
                gain = model.parameter("final_layer_norm.weight");
                bias = model.parameter("final_layer_norm.bias");
                unembed = view(cfg.tiedEmbeddings() ? model.parameter("embed_in.weight").transpose()
                        : model.parameter("embed_out.weight").transpose());
            }
            case OPT -> {
                layerNorm = true;
                gain = model.parameter("decoder.final_layer_norm.weight");
                bias = model.parameter("decoder.final_layer_norm.bias");
                unembed = tiedOr("decoder.embed_tokens.weight");
            }
            case LLAMA -> {
                layerNorm = false;
                gain = model.parameter("norm.weight");
                bias = null;
                unembed = tiedOr("embed_tokens.weight");
            }
            default -> throw new IllegalArgumentException("No readout for architecture " + a);
        }
    }

    /** The unembedding is lm_head when the checkpoint has one and the embedding is not tied. */
    private NDArray tiedOr(String embedding) {
        boolean head = model.parameterNames().contains("lm_head.weight");
        return view(cfg.tiedEmbeddings() || !head ? model.parameter(embedding).transpose()
                : model.parameter("lm_head.weight").transpose());
    }

    /** Transposed views belong to the caller's manager, so repeated use does not grow the model's. */
    private NDArray view(NDArray a) {
        a.attach(manager);
        return a;
    }

    /** The readout of a model; views made here are freed with {@code manager}. */
    public static Readout of(LanguageModel model, NDManager manager) {
        return new Readout(model, manager);
    }

    public boolean isLayerNorm() {
        return layerNorm;
    }

    /** The final norm's gain g [d_model]. */
    public NDArray gain() {
        return gain;
    }

    /** The final norm's bias b [d_model], or null for RMSNorm. */
    public NDArray bias() {
        return bias;
    }

    public double eps() {
        return cfg.normEps();
    }

    /** W_U [d_model, vocab]. */
    public NDArray unembed() {
        return unembed;
    }

    /** The hook point holding the residual stream that enters the final norm. */
    public String finalResidualHook() {
        return "blocks." + (cfg.nLayers() - 1) + ".hook_resid_post";
    }

    /** W_out of a layer's MLP as [d_mlp, d_model]: row n is neuron n's output direction. */
    public NDArray neuronOutputWeights(int layer) {
        if (layer < 0 || layer >= cfg.nLayers()) {
            throw new IllegalArgumentException("Layer " + layer + " does not exist: this model has layers 0.."
                    + (cfg.nLayers() - 1) + ".");
        }
        return switch (cfg.architecture()) {
            case GPT2 -> model.parameter("h." + layer + ".mlp.c_proj.weight"); // Conv1D: already [in, out]
            case GPT_NEOX -> view(model.parameter("layers." + layer + ".mlp.dense_4h_to_h.weight").transpose());
            case OPT -> view(model.parameter("decoder.layers." + layer + ".fc2.weight").transpose());
            case LLAMA -> view(model.parameter("layers." + layer + ".mlp.down_proj.weight").transpose());
        };
    }

    /** P(x): centred on the last axis for LayerNorm, unchanged for RMSNorm. */
    public NDArray centre(NDArray x) {
        return layerNorm ? x.sub(x.mean(new int[] {x.getShape().dimension() - 1}, true)) : x;
    }

    /** The norm's scale s per position of residual vectors [..., d_model] → [..., 1]. */
    public NDArray scale(NDArray resid) {
        int last = resid.getShape().dimension() - 1;
        return centre(resid).square().mean(new int[] {last}, true).add(eps()).sqrt();
    }

    /** The logits the model computes from final residual vectors [..., d_model]. */
    public NDArray logits(NDArray resid) {
        NDArray h = centre(resid).div(scale(resid)).mul(gain);
        if (bias != null) h = h.add(bias);
        return h.matMul(unembed);
    }

    /**
     * What a direction in the residual stream does to the logits per unit, with the norm's scale
     * held at 1: W_U applied to g ⊙ P(w). Rows of {@code directions} [k, d_model] → [k, vocab].
     */
    public NDArray logitDirections(NDArray directions) {
        return centre(directions).mul(gain).matMul(unembed);
    }

    /** W_U · b [vocab], the logits the norm's bias alone adds (zeros for RMSNorm). */
    public NDArray biasLogits() {
        if (bias == null) return manager.zeros(new Shape(unembed.getShape().get(1)));
        return bias.reshape(1, -1).matMul(unembed).reshape(-1);
    }
}

package org.interp4j.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.interp4j.hooks.ActivationCache;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelConfig;
import org.interp4j.model.ModelOutput;

/**
 * Token-wise decomposition of the final hidden state (Oh &amp; Schuler 2023): the post-final-norm
 * hidden state of every target position written as an exact sum of one part per source token
 * (plus a remainder holding the biases). The ordinary forward pass runs first, with a cache of
 * every statistic the decomposition needs (norm inputs, attention weights, MLP pre-activations);
 * then the parts are carried through the same blocks, each step linear given those statistics.
 * <pre>{@code
 * try (Decomposition d = Decomposer.decompose(model, model.tokenize("The cat sat"))) {
 *     NDArray parts = d.absoluteParts();   // [batch, target, source + 1, d_model]
 * }
 * }</pre>
 */
public final class Decomposer {
    /** Keep every source token (no window). */
    public static final int ALL = Integer.MAX_VALUE;

    /** Targets handled together in attention and MLP: bounds their temporary memory. */
    private static final int BLOCK = 32;

    private Decomposer() {}

    /** One row of ids, every source kept. */
    public static Decomposition decompose(LanguageModel model, long[] ids) {
        return decompose(model, new long[][] {ids}, ALL);
    }

    /** One text, tokenised by the model, every source kept. */
    public static Decomposition decompose(LanguageModel model, String text) {
        return decompose(model, new long[][] {model.tokenize(text)}, ALL);
    }

    /**
     * Rows of ids (right-padded and masked when their lengths differ). {@code length} keeps the
     * parts of only the {@code length} most recent source tokens of each target; older sources are
     * summed into the remainder, which bounds memory to O(positions · length · d_model).
     */
    public static Decomposition decompose(LanguageModel model, long[][] ids, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("The decomposition length must be at least 1 (got " + length
                    + "): it is how many of the most recent source tokens keep their own part.");
        }
        if (ids.length == 0 || Arrays.stream(ids).anyMatch(r -> r.length == 0)) {
            throw new IllegalArgumentException("Nothing to decompose: give at least one token in every row.");
        }
        ModelConfig cfg = model.config();
        for (long[] row : ids) {
            if (row.length > cfg.maxPositions()) {
                throw new IllegalArgumentException("The input is " + row.length + " tokens long but " + model.name()
                        + "'s context window is " + cfg.maxPositions() + " tokens: shorten the text or split it.");
            }
        }
        Batch batch = Batch.of(ids, cfg.padId(), Batch.Side.RIGHT);
        int window = Math.min(length, batch.length());
        try (ModelOutput out = model.runWithCache(batch, "blocks.*.hook_resid_pre", "blocks.*.hook_resid_mid",
                "blocks.*.attn.hook_pattern", "blocks.*.mlp.hook_pre", "blocks.*.mlp.hook_post",
                "blocks." + (cfg.nLayers() - 1) + ".hook_resid_post")) {
            NDManager manager = NDManager.newBaseManager();
            try {
                NDArray parts = run(model, out.cache(), window, manager);
                NDArray hidden = out.lastHidden().duplicate();
                hidden.attach(manager);
                NDArray logits = out.logits().duplicate();
                logits.attach(manager);
                return new Decomposition(manager, parts, hidden, logits, batch, window, length,
                        new FamilyWeights(model).unembedding());
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }
    }

    /**
     * The parts of the final hidden state, attached to {@code manager}. Each stage (the first block's
     * input, each block's attention and MLP, the final norm) is a unit of work with its own
     * sub-manager: the cached activations and parts it reads are lent to it, and only its result
     * leaves it, so a layer holds at most a few part-sized arrays at once.
     */
    private static NDArray run(LanguageModel model, ActivationCache cache, int window, NDManager manager) {
        ModelConfig cfg = model.config();
        FamilyWeights weights = new FamilyWeights(model);
        boolean ln = weights.layerNorm();
        double eps = cfg.normEps();
        try (NDManager work = manager.newSubManager()) {
            NDArray parts;
            try (NDManager stage = work.newSubManager()) {
                // the whole input of the first block (token embedding, plus the learned position) is its token's
                NDArray embed = cache.get("blocks.0.hook_resid_pre");
                Parts.lend(stage, embed);
                long[] s = embed.getShape().getShape();
                parts = NDArrays.concat(new NDList(stage.zeros(new Shape(s[0], s[1], window - 1, s[2])),
                        embed.expandDims(2), stage.zeros(new Shape(s[0], s[1], 1, s[2]))), 2);
                parts.attach(work);
            }
            for (int l = 0; l < cfg.nLayers(); l++) {
                String p = "blocks." + l + ".";
                NDArray residPre = cache.get(p + "hook_resid_pre");
                NDArray attn, mlp, mid;
                try (NDManager stage = work.newSubManager()) {
                    FamilyWeights.Layer w = weights.layer(l, stage);
                    NDArray pattern = cache.get(p + "attn.hook_pattern");
                    Parts.lend(stage, parts, residPre, pattern);
                    NDArray attnIn = Parts.norm(parts, residPre, w.ln1W(), w.ln1B(), ln, eps);
                    attn = PartAttention.apply(attnIn, pattern, w, cfg.nHeads(), cfg.nKvHeads(), cfg.dHead(), BLOCK);
                    attn.attach(work);
                }
                mid = parts.add(attn);
                attn.close();
                try (NDManager stage = work.newSubManager()) {
                    FamilyWeights.Layer w = weights.layer(l, stage);
                    NDArray pre = cache.get(p + "mlp.hook_pre");
                    Parts.lend(stage, pre);
                    // GPT-NeoX's parallel residual feeds the MLP from the block input
                    NDArray mlpIn;
                    if (cfg.parallelResidual()) {
                        Parts.lend(stage, parts, residPre);
                        mlpIn = Parts.norm(parts, residPre, w.ln2W(), w.ln2B(), ln, eps);
                    } else {
                        NDArray residMid = cache.get(p + "hook_resid_mid");
                        Parts.lend(stage, mid, residMid);
                        mlpIn = Parts.norm(mid, residMid, w.ln2W(), w.ln2B(), ln, eps);
                    }
                    NDArray factor;
                    if (weights.gated()) {
                        factor = PartMlp.activate(cfg.activation(), pre);
                    } else {
                        NDArray post = cache.get(p + "mlp.hook_post");
                        Parts.lend(stage, post);
                        factor = PartMlp.ratio(pre, post);
                    }
                    mlp = PartMlp.apply(mlpIn, factor, w, BLOCK);
                    mlp.attach(work);
                }
                parts.close();
                parts = mid.add(mlp);
                mid.close();
                mlp.close();
            }
            try (NDManager stage = work.newSubManager()) {
                NDArray[] f = weights.finalNorm();
                NDArray residPost = cache.get("blocks." + (cfg.nLayers() - 1) + ".hook_resid_post");
                Parts.lend(stage, parts, residPost);
                NDArray result = Parts.norm(parts, residPost, f[0], f[1], ln, eps);
                result.attach(manager);
                return result;
            }
        }
    }
}

package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.interp4j.hooks.HookContext;
import org.interp4j.hooks.HookPoints;
import org.interp4j.hooks.HookRegistry;

/**
 * The decoder-only transformer every supported family shares. This class reads like the common
 * equations (embed, then per block: norm → attention → residual, norm → MLP → residual, then final
 * norm and unembedding) and calls a hook at every named point; each family's file supplies only the
 * pieces where its maths differs: norms, projections, positions, MLP.
 */
public abstract class Transformer {
    private static final int RESID_PRE = 0, LN1 = 1, Q = 2, K = 3, V = 4, SCORES = 5, PATTERN = 6, Z = 7,
            ATTN_OUT = 8, RESID_MID = 9, LN2 = 10, MLP_PRE = 11, MLP_POST = 12, MLP_OUT = 13, RESID_POST = 14;

    protected final ModelConfig cfg;
    private final Rotary rotary;
    private final String[][] names;

    protected Transformer(ModelConfig cfg) {
        this.cfg = cfg;
        this.rotary = cfg.rotaryDim() > 0 ? new Rotary(cfg.rotaryDim(), cfg.ropeTheta()) : null;
        names = new String[cfg.nLayers()][];
        for (int l = 0; l < cfg.nLayers(); l++) {
            int layer = l;
            names[l] = HookPoints.BLOCK_POINTS.stream().map(p -> HookPoints.blockName(layer, p)).toArray(String[]::new);
        }
    }

    public ModelConfig config() {
        return cfg;
    }

    // ---- the pieces each family defines -------------------------------------------------------

    /** Token embeddings [batch, pos, d_model]. */
    protected abstract NDArray embedTokens(NDArray ids);

    /** Learned position embeddings for absolute positions [batch, pos], or null for rotary models. */
    protected NDArray embedPositions(NDArray positions) {
        return null;
    }

    protected abstract NDArray norm1(int layer, NDArray x);

    protected abstract NDArray norm2(int layer, NDArray x);

    /**
     * q [batch, pos, head, d_head] and k, v [batch, pos, kv_head, d_head], before rotary. A family
     * whose q and k come out of one product may add a fourth array, q and k side by side [batch, pos,
     * head + kv_head, d_head] (a view), so that rotary embedding turns both in one pass when no hook
     * replaced either.
     */
    protected abstract NDArray[] qkv(int layer, NDArray x);

    /** The attention output projection of z flattened to [batch, pos, head·d_head]. */
    protected abstract NDArray attnOut(int layer, NDArray z);

    /**
     * The MLP's input projections of x: its pre-activation (for gated MLPs: the gate) and, for
     * gated MLPs, the up projection the activated gate multiplies (else null).
     */
    protected abstract NDArray[] mlpIn(int layer, NDArray x);

    /** The MLP's neurons, the input of its output projection, from the pre-activation (and up projection). */
    protected abstract NDArray mlpPost(int layer, NDArray pre, NDArray up);

    protected abstract NDArray mlpOut(int layer, NDArray post);

    protected abstract NDArray normFinal(NDArray x);

    protected abstract NDArray unembed(NDArray x);

    // ---- the shared forward pass --------------------------------------------------------------

    /** Logits and the post-final-norm hidden state of one forward call. */
    public record Output(NDArray logits, NDArray lastHidden) {}

    /** The huge negative HF adds to masked attention scores (float32's lowest value). */
    static final float MASKED = -Float.MAX_VALUE;

    /**
     * One forward call on ids [batch][pos]. {@code mask} covers the cached past and these ids
     * ([batch][past + pos], 1 = real token); positions count real tokens, so left-padded rows start
     * at position 0 like HF's generation does. Arrays made here belong to {@code m}.
     */
    Output forward(ai.djl.ndarray.NDManager m, long[][] ids, int[][] mask, HookRegistry hooks, KvCache cache, int step) {
        return forward(m, ids, mask, hooks, cache, step, cfg.nLayers(), false);
    }

    /**
     * As above; with {@code lastOnly} the logits are those of the last position only, [batch, 1,
     * vocab], unless a hook or cache reads {@code hook_logits} (generation needs no others).
     */
    Output forward(ai.djl.ndarray.NDManager m, long[][] ids, int[][] mask, HookRegistry hooks, KvCache cache, int step,
                   boolean lastOnly) {
        return forward(m, ids, mask, hooks, cache, step, cfg.nLayers(), lastOnly);
    }

    /**
     * The forward call run through blocks {@code 0 … layers-1} only. With fewer than all blocks
     * there is no final norm and no unembedding: the output's logits and hidden state are null.
     */
    Output forward(ai.djl.ndarray.NDManager m, long[][] ids, int[][] mask, HookRegistry hooks, KvCache cache, int step,
                   int layers, boolean lastOnly) {
        int b = ids.length, p = ids[0].length, total = mask[0].length, past = total - p;
        int[][] positions = new int[b][p];
        long[] posIds = new long[b * p];
        float[] bias = new float[b * p * total];
        for (int i = 0; i < b; i++) {
            int seen = 0;
            for (int j = 0; j < past; j++) seen += mask[i][j];
            for (int t = 0; t < p; t++) {
                boolean real = mask[i][past + t] == 1;
                seen += mask[i][past + t];
                positions[i][t] = Math.max(seen - 1, 0);
                // OPT looks pads up at row 1 of its table (position -1 plus its offset of 2), as HF does
                posIds[i * p + t] = (real ? seen - 1 : cfg.positionOffset() > 0 ? -1 : 0) + cfg.positionOffset();
                for (int j = 0; j < total; j++) {
                    boolean visible = j <= past + t && mask[i][j] == 1;
                    bias[(i * p + t) * total + j] = visible ? 0f : MASKED;
                }
            }
            if (seen > cfg.maxPositions()) {
                throw new IllegalArgumentException("The input is " + seen + " tokens long but this model's context window is "
                        + cfg.maxPositions() + " tokens: shorten the text or split it into pieces.");
            }
        }
        long[] flat = new long[b * p];
        for (int i = 0; i < b; i++) System.arraycopy(ids[i], 0, flat, i * p, p);
        ai.djl.ndarray.NDArray idArray = m.create(flat, new ai.djl.ndarray.types.Shape(b, p));
        for (long id : flat) {
            if (id < 0 || id >= cfg.vocabSize()) {
                throw new IllegalArgumentException("Token id " + id + " is outside this model's vocabulary [0, "
                        + cfg.vocabSize() + "): were the ids made by another model's tokenizer?");
            }
        }
        ForwardInput in = new ForwardInput(idArray, m.create(posIds, new ai.djl.ndarray.types.Shape(b, p)),
                rotary == null ? null : rotary.tables(m, positions),
                m.create(bias, new ai.djl.ndarray.types.Shape(b, 1, p, total)), hooks, cache, past, step, layers, lastOnly);
        return forward(in);
    }

    private Output forward(ForwardInput in) {
        NDArray x = hook(in, HookPoints.EMBED, -1, embedTokens(in.ids()));
        if (cfg.learnedPositions()) {
            x = x.add(hook(in, HookPoints.POS_EMBED, -1, embedPositions(in.positionIds())));
        }
        boolean unwatched = in.hooks().isEmpty();
        for (int l = 0; l < in.layers(); l++) x = unwatched ? blockFreeingItsArrays(l, x, in) : block(l, x, in);
        if (in.layers() < cfg.nLayers()) return new Output(null, null);
        NDArray hidden = hook(in, HookPoints.LN_FINAL, -1, normFinal(x));
        if (in.lastOnly() && !in.hooks().watches(HookPoints.LOGITS)) {
            // the next token needs only the last position's logits: a [pos × vocab] product less
            return new Output(unembed(hidden.get(":, -1:, :")), hidden);
        }
        NDArray logits = hook(in, HookPoints.LOGITS, -1, unembed(hidden));
        return new Output(logits, hidden);
    }

    private NDArray block(int l, NDArray resid, ForwardInput in) {
        String[] n = names[l];
        NDArray residPre = hook(in, n[RESID_PRE], l, resid);
        NDArray attnIn = hook(in, n[LN1], l, norm1(l, residPre));
        NDArray attnOut = hook(in, n[ATTN_OUT], l, attention(l, attnIn, in));
        NDArray residMid = hook(in, n[RESID_MID], l, residPre.add(attnOut));
        // GPT-NeoX's parallel residual feeds the MLP from the block input, not from resid_mid.
        NDArray mlpIn = hook(in, n[LN2], l, norm2(l, cfg.parallelResidual() ? residPre : residMid));
        NDArray[] projected = mlpIn(l, mlpIn);
        NDArray pre = hook(in, n[MLP_PRE], l, projected[0]);
        NDArray post = hook(in, n[MLP_POST], l, mlpPost(l, pre, projected[1]));
        NDArray mlpOut = hook(in, n[MLP_OUT], l, mlpOut(l, post));
        return hook(in, n[RESID_POST], l, residMid.add(mlpOut));
    }

    /**
     * A block whose intermediate arrays are freed as soon as it is done, which is safe only when no
     * hook or cache is attached (nothing else can hold them). The next block then reuses their memory
     * instead of asking the system for fresh pages: keeping every block's arrays to the end of the
     * pass grew the process by all its activations, as a cache of every point does.
     */
    private NDArray blockFreeingItsArrays(int l, NDArray x, ForwardInput in) {
        NDManager outer = x.getManager();
        try (NDManager scope = outer.newSubManager()) {
            x.tempAttach(scope); // arrays computed from x land in the scope; x returns to outer after it
            NDArray out = block(l, x, in);
            out.attach(outer);
            return out;
        }
    }

    /**
     * softmax(q·kᵀ/√d_head + mask)·v per head, keys and values from the cache when generating.
     * Keys and values are taken head-major, [batch, kv_head, key, d_head]; with grouped-query
     * attention the query heads sharing a kv head are stacked along the query axis, so one batched
     * product per kv head serves all of them and the keys and values are never repeated per head.
     */
    private NDArray attention(int l, NDArray x, ForwardInput in) {
        String[] n = names[l];
        NDArray[] qkv = qkv(l, x);
        NDArray q = hook(in, n[Q], l, qkv[0]);
        NDArray k = hook(in, n[K], l, qkv[1]);
        NDArray v = hook(in, n[V], l, qkv[2]);
        if (rotary != null && qkv.length > 3 && q == qkv[0] && k == qkv[1]) {
            NDList turned = rotary.apply(qkv[3], in.cosSin()).split(new long[] {cfg.nHeads()}, 2);
            q = turned.get(0);
            k = turned.get(1);
        } else if (rotary != null) {
            q = rotary.apply(q, in.cosSin());
            k = rotary.apply(k, in.cosSin());
        }
        NDArray keys, values;
        if (in.cache() != null) {
            NDArray[] past = in.cache().append(l, k, v);
            keys = past[0];
            values = past[1];
        } else {
            keys = k.transpose(0, 2, 1, 3);
            values = v.transpose(0, 2, 1, 3);
        }
        long b = q.getShape().get(0), p = q.getShape().get(1), h = cfg.nHeads(), kvh = cfg.nKvHeads();
        long t = keys.getShape().get(2), groups = h / kvh;
        // [batch, kv_head, group·query, d_head]: query head j uses kv head j / groups, as HF's repeat_kv
        NDArray grouped = q.transpose(0, 2, 1, 3).reshape(b, kvh, groups * p, cfg.dHead());
        // scaled and masked in place: the product is a fresh array nothing else has seen
        NDArray scores = grouped.matMul(keys.transpose(0, 1, 3, 2)).reshape(b, h, p, t)
                .divi(Math.sqrt(cfg.dHead())).addi(in.maskBias());
        scores = hook(in, n[SCORES], l, scores);
        NDArray pattern = hook(in, n[PATTERN], l, scores.softmax(-1));
        NDArray mixed = pattern.reshape(b, kvh, groups * p, t).matMul(values).reshape(b, h, p, cfg.dHead());
        NDArray z = hook(in, n[Z], l, mixed.transpose(0, 2, 1, 3));
        return attnOut(l, z.reshape(b, p, h * cfg.dHead()));
    }

    private static NDArray hook(ForwardInput in, String name, int layer, NDArray value) {
        HookRegistry hooks = in.hooks();
        return hooks.apply(name, value, new HookContext(name, layer, in.offset(), in.step()));
    }

    // ---- helpers for the families ---------------------------------------------------------------

    /** Rows of an embedding table for ids [batch, pos], owned by the forward call, not the weights. */
    protected static NDArray lookup(NDArray table, NDArray ids) {
        long[] s = ids.getShape().getShape();
        NDArray rows = table.get(ids.getManager(), new NDIndex("{}", ids.flatten()));
        return rows.reshape(s[0], s[1], table.getShape().get(1));
    }

    /**
     * x·W + b for W stored [in, out]; b may be null. One fused op (torch's {@code F.linear}, a single
     * matrix multiply-add) rather than a product and then a pass adding the bias.
     */
    protected static NDArray linear(NDArray x, NDArray w, NDArray b) {
        try (NDArray wOutIn = w.transpose()) { // a view in nn.Linear's [out, in] layout: no copy
            return ai.djl.nn.core.Linear.linear(x, wOutIn, b).singletonOrThrow();
        }
    }

    /** Splits the last axis into heads: [batch, pos, heads·d_head] → [batch, pos, heads, d_head]. */
    protected static NDArray heads(NDArray x, int heads) {
        long[] s = x.getShape().getShape();
        return x.reshape(s[0], s[1], heads, s[2] / heads);
    }
}

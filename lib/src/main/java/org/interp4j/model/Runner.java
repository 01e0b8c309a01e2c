package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.interp4j.hooks.ActivationCache;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.HookPoints;
import org.interp4j.hooks.HookRegistry;
import org.interp4j.hooks.Hooked;

/**
 * One forward pass of {@link LanguageModel} with the extra hooks and the cache that run asks for,
 * attached for that pass only and removed afterwards whatever happens. The pass's arrays live in a
 * scope freed when it ends; what the caller keeps (logits, hidden state, cache) moves to the output.
 */
final class Runner {
    private final Transformer transformer;
    private final ModelConfig config;
    private final HookPoints points;
    private final HookRegistry hooks;
    private final NDManager manager;

    Runner(Transformer transformer, ModelConfig config, HookPoints points, HookRegistry hooks, NDManager manager) {
        this.transformer = transformer;
        this.config = config;
        this.points = points;
        this.hooks = hooks;
        this.manager = manager;
    }

    /** See {@link LanguageModel#runForActivations}: only as many blocks as the readers need. */
    void runForActivations(Batch batch, Hooked... readers) {
        List<HookHandle> handles = new ArrayList<>();
        try (NDManager tmp = manager.newSubManager()) {
            for (Hooked h : readers) handles.add(hooks.add(h.name(), h.hook()));
            transformer.forward(tmp, batch.ids(), batch.mask(), hooks, null, 0, layersNeededFor(readers), false);
        } finally {
            for (HookHandle h : handles) h.remove();
        }
    }

    /** Blocks to run so every named point fires: up to the deepest block named; all for the final points. */
    private int layersNeededFor(Hooked... readers) {
        int layers = 0;
        for (Hooked h : readers) {
            for (String name : points.resolve(h.name())) {
                if (name.equals(HookPoints.EMBED) || name.equals(HookPoints.POS_EMBED)) continue;
                if (!name.startsWith("blocks.")) return config.nLayers();
                int layer = Integer.parseInt(name.substring("blocks.".length(), name.indexOf('.', "blocks.".length())));
                layers = Math.max(layers, layer + 1);
            }
        }
        return layers;
    }

    /** The points the names or patterns stand for (none: every point). */
    Predicate<String> wanted(String... names) {
        if (names.length == 0) return n -> true;
        java.util.Set<String> set = new java.util.HashSet<>();
        for (String n : names) set.addAll(points.resolve(n));
        return set::contains;
    }

    /** A full pass; {@code cacheWanted}, if not null, picks the points the output's cache records. */
    ModelOutput execute(Batch batch, Predicate<String> cacheWanted, List<Hooked> extra) {
        NDManager out = manager.newSubManager();
        List<HookHandle> handles = new ArrayList<>();
        ActivationCache cache = null;
        try (NDManager tmp = manager.newSubManager()) {
            for (Hooked h : extra) handles.add(hooks.add(h.name(), h.hook()));
            if (cacheWanted != null) {
                cache = new ActivationCache(out, cacheWanted);
                handles.add(hooks.addCache(cache));
            }
            Transformer.Output o = transformer.forward(tmp, batch.ids(), batch.mask(), hooks, null, 0);
            NDArray logits = o.logits();
            NDArray hidden = o.lastHidden();
            logits.attach(out);
            hidden.attach(out);
            return new ModelOutput(out, logits, hidden, batch, cache);
        } catch (RuntimeException e) {
            if (cache != null) cache.close();
            out.close();
            throw e;
        } finally {
            for (HookHandle h : handles) h.remove();
        }
    }
}

package org.interp4j.hooks;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The hooks currently attached to a model. The forward pass asks it at every hook point; with no
 * hook on a point this is one map lookup, so an unhooked model runs at full speed.
 */
public final class HookRegistry {
    private final HookPoints points;
    private final Map<String, List<Hook>> hooks = new HashMap<>();
    private final List<ActivationCache> caches = new CopyOnWriteArrayList<>();

    public HookRegistry(HookPoints points) {
        this.points = points;
    }

    public HookPoints points() {
        return points;
    }

    /** Attaches a hook to every point the name or pattern matches; the handle removes it. */
    public synchronized HookHandle add(String nameOrPattern, Hook hook) {
        List<String> names = points.resolve(nameOrPattern);
        for (String n : names) hooks.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(hook);
        return new HookHandle() {
            private boolean removed;

            @Override
            public void remove() {
                synchronized (HookRegistry.this) {
                    if (removed) return;
                    removed = true;
                    for (String n : names) {
                        List<Hook> list = hooks.get(n);
                        if (list != null) {
                            list.remove(hook);
                            if (list.isEmpty()) hooks.remove(n);
                        }
                    }
                }
            }
        };
    }

    /** Records into the cache every activation whose name it wants, until the handle is closed. */
    public HookHandle addCache(ActivationCache cache) {
        caches.add(cache);
        return () -> caches.remove(cache);
    }

    /** Removes every hook and cache (e.g. after an interrupted cell left some behind). */
    public synchronized void clear() {
        hooks.clear();
        caches.clear();
    }

    /** Whether no hook and no cache is attached at all: then nothing outside the model sees an activation. */
    public boolean isEmpty() {
        return hooks.isEmpty() && caches.isEmpty();
    }

    /** Whether anything reads or changes the point: a hook on it, or a cache that records it. */
    public boolean watches(String name) {
        if (hooks.containsKey(name)) return true;
        for (ActivationCache c : caches) if (c.wants(name)) return true;
        return false;
    }

    public synchronized List<String> active() {
        return new ArrayList<>(hooks.keySet());
    }

    /**
     * Runs the hooks of one point in the order they were added; each sees the previous one's
     * result. Caches record the final value, the one the model goes on with.
     */
    public NDArray apply(String name, NDArray activation, HookContext context) {
        List<Hook> list = hooks.get(name);
        NDArray value = activation;
        if (list != null) {
            for (Hook h : list) {
                NDArray replaced = h.apply(value, context);
                if (replaced != null) {
                    if (!replaced.getShape().equals(value.getShape())) {
                        throw new IllegalStateException("A hook on " + name + " returned shape "
                                + replaced.getShape() + " but the activation has shape " + value.getShape()
                                + ": a replacement must keep the shape.");
                    }
                    value = replaced;
                }
            }
        }
        // Arrays the forward pass made (or a hook derived from them) are never changed afterwards, so the
        // cache can keep them by reference; anything else a hook returned is copied, since its owner may reuse it.
        boolean madeByForward = value.getManager() == activation.getManager();
        for (ActivationCache c : caches) c.offer(name, value, context, madeByForward);
        return value;
    }
}

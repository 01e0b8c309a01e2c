package org.interp4j.steer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interp4j.hooks.HookPoints;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * Checks that units saved for some model fit the model at hand: every layer must be one of its
 * hook points and have as many features per position as the saved file says. Steering with a file
 * made for another model would otherwise fail deep inside a run, or silently change other units.
 */
final class PointSizes {
    private PointSizes() {}

    /** Features per position of each point (one token is run to find them). */
    static Map<String, Integer> of(LanguageModel model, Collection<String> points) {
        HookPoints all = new HookPoints(model.config().nLayers(), model.config().learnedPositions());
        for (String p : points) {
            if (!all.contains(p)) {
                throw new IllegalArgumentException("This file steers " + p + ", which " + model.name()
                        + " does not have (its blocks are 0.." + (model.config().nLayers() - 1)
                        + "): it was made for another model; recompute it for " + model.name() + ".");
            }
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (ModelOutput out = model.runWithCache(new long[][] {{0}}, points.toArray(String[]::new))) {
            for (String p : points) {
                var a = out.cache().get(p);
                long[] s = a.getShape().getShape();
                sizes.put(p, (int) (a.getShape().size() / (s[0] * s[1])));
            }
        }
        return sizes;
    }

    /** Fails clearly unless every layer has the expected size in {@code model}. */
    static void check(LanguageModel model, Map<String, Integer> expected) {
        Map<String, Integer> actual = of(model, expected.keySet());
        for (var e : expected.entrySet()) {
            int have = actual.get(e.getKey());
            if (e.getValue() != have) {
                throw new IllegalArgumentException("This file has " + e.getValue() + " units at " + e.getKey() + " but "
                        + model.name() + " has " + have + " there: it was made for another model; recompute it for "
                        + model.name() + ".");
            }
        }
    }

    static List<String> inForwardOrder(LanguageModel model, Collection<String> points) {
        HookPoints all = new HookPoints(model.config().nLayers(), model.config().learnedPositions());
        return all.all().stream().filter(points::contains).toList();
    }
}

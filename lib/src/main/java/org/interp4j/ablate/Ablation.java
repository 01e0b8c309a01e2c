package org.interp4j.ablate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.interp4j.hooks.Hooked;
import org.interp4j.hooks.Interventions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelConfig;
import org.interp4j.text.EditDistance;

/**
 * Units of one hook point set to fixed values at every position: zero ablation (value 0) or mean
 * ablation (each unit's mean activation over a reference set of texts, see {@link MeanActivations}).
 * Units index the features of a position as {@link Interventions} does (per-head points: head·d_head + i).
 * Checks happen here, before any run: the hook must exist and the units must be in range.
 * <pre>{@code
 * Ablation a = Ablation.mean(model, "blocks.29.mlp.hook_post", new int[] {12, 99}, refTexts);
 * try (var out = model.runWithHooks(batch, a.hooked())) { ... }
 * }</pre>
 */
public record Ablation(String hook, int[] units, float[] values, String kind) {

    public static Ablation zero(LanguageModel model, String hook, int... units) {
        check(model, hook, units);
        return new Ablation(hook, units.clone(), new float[units.length], "zero");
    }

    /** Mean ablation with the means of all the hook's units (from {@link MeanActivations#compute}). */
    public static Ablation mean(LanguageModel model, String hook, int[] units, float[] meansOfAllUnits) {
        check(model, hook, units);
        int n = unitsPerPosition(model.config(), hook);
        if (meansOfAllUnits.length != n) {
            throw new IllegalArgumentException("Got " + meansOfAllUnits.length + " means but " + hook + " has " + n
                    + " units per position: compute them with MeanActivations.compute at the same hook.");
        }
        float[] v = new float[units.length];
        for (int i = 0; i < units.length; i++) v[i] = meansOfAllUnits[units[i]];
        return new Ablation(hook, units.clone(), v, "mean");
    }

    /** Mean ablation with means taken over reference texts. */
    public static Ablation mean(LanguageModel model, String hook, int[] units, List<String> referenceTexts) {
        check(model, hook, units);
        return mean(model, hook, units, MeanActivations.compute(model, hook, referenceTexts));
    }

    /** Each unit set to its own given value. */
    public static Ablation constant(LanguageModel model, String hook, int[] units, float[] values) {
        check(model, hook, units);
        if (values.length != units.length) {
            throw new IllegalArgumentException("Got " + units.length + " units but " + values.length
                    + " values: give one value per unit.");
        }
        return new Ablation(hook, units.clone(), values.clone(), "constant");
    }

    /** The hook that applies this ablation, for {@code model.runWithHooks} or {@code model.addHook}. */
    public Hooked hooked() {
        return Hooked.at(hook, Interventions.set(units, values));
    }

    @Override
    public String toString() {
        return kind + " ablation of " + units.length + " units at " + hook + " " + Arrays.toString(units);
    }

    static void check(LanguageModel model, String hook, int[] units) {
        checkHook(model, hook);
        int n = unitsPerPosition(model.config(), hook);
        for (int u : units) {
            if (u < 0 || u >= n) {
                throw new IllegalArgumentException("Unit " + u + " is out of range for " + hook + ", which has " + n
                        + " units per position (valid: 0.." + (n - 1) + ").");
            }
        }
    }

    static void checkHook(LanguageModel model, String hook) {
        if (hook == null || !model.hookPoints().contains(hook)) {
            List<String> close = model.hookPoints().stream()
                    .sorted(Comparator.comparingInt(p -> EditDistance.between(p, String.valueOf(hook)))).limit(3).toList();
            throw new IllegalArgumentException("Unknown hook point '" + hook + "': closest are " + close
                    + " (ablation takes one exact name, e.g. blocks.0.mlp.hook_post).");
        }
    }

    /** Features per position at a hook point, the range of valid unit indices. */
    public static int unitsPerPosition(ModelConfig c, String hook) {
        String point = hook.startsWith("blocks.") ? hook.substring(hook.indexOf('.', 7) + 1) : hook;
        return switch (point) {
            case "mlp.hook_pre", "mlp.hook_post" -> c.dMlp();
            case "attn.hook_q", "attn.hook_z" -> c.nHeads() * c.dHead();
            case "attn.hook_k", "attn.hook_v" -> c.nKvHeads() * c.dHead();
            case "hook_logits" -> c.vocabSize();
            case "attn.hook_attn_scores", "attn.hook_pattern" -> throw new IllegalArgumentException(hook
                    + " holds attention weights, not per-position units: ablate heads at attn.hook_z instead.");
            default -> c.dModel();
        };
    }
}

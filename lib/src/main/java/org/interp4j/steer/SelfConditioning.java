package org.interp4j.steer;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interp4j.expertise.ExpertiseResult;
import org.interp4j.expertise.UnitExpertise;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Hooked;
import org.interp4j.hooks.Interventions;
import org.interp4j.model.LanguageModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Self-conditioning (Suau et al. 2022): the units that best detect a concept (highest AP) are held
 * at a typical "concept present" value, by default their median response on positive sentences
 * ({@code on_p50}, or {@code on_p90}), so the model writes as if the concept were already in its context.
 *
 * <p>Positions, as apple/ml-selfcond does it ({@code TorchModel._set_units_hook_wrapper},
 * {@code generate_seq.py} without {@code --only-last-token}): the hook sets {@code output[:, :, units]}
 * on every call, and generation runs with a KV cache, so every prompt position is forced at the
 * first step and each new token at its step. {@link #onlyLastToken()} is the original's
 * {@code --only-last-token}: only the last position of each call (the prompt's last token, then
 * each new token). Experts may sit at any per-token hook point; ml-selfcond reads GPT-2's
 * {@code attn.c_attn}, {@code attn.c_proj}, {@code mlp.c_fc} and {@code mlp.c_proj}, the kit's
 * {@link #SELFCOND_POINTS}.
 * <pre>{@code
 * SelfConditioning sc = SelfConditioning.top(expertise, 50, "on_p50");
 * try (HookHandle h = sc.attach(model)) {
 *     model.generate("Once upon a time", GenerateOptions.sampling(20, 1.0, 0));
 * }
 * }</pre>
 */
public final class SelfConditioning {

    /** The forcing values an expertise table offers. */
    public static final List<String> FORCINGS = List.of("on_p50", "on_p90", "on_mean", "off_p50", "off_mean");

    /**
     * The points ml-selfcond reads experts from, in the kit's names: GPT-2's {@code attn.c_attn} (q, k, v),
     * {@code attn.c_proj} ({@code hook_attn_out}), {@code mlp.c_fc} ({@code mlp.hook_pre}, before the
     * nonlinearity) and {@code mlp.c_proj} ({@code hook_mlp_out}); responses max-pooled over tokens.
     */
    public static final List<String> SELFCOND_POINTS = List.of("blocks.*.attn.hook_q", "blocks.*.attn.hook_k",
            "blocks.*.attn.hook_v", "blocks.*.hook_attn_out", "blocks.*.mlp.hook_pre", "blocks.*.hook_mlp_out");

    private final List<ForcedUnit> units;
    private final Map<String, Integer> layerSizes;
    private final Map<String, Boolean> sizeKnown;
    private final boolean lastTokenOnly;

    private SelfConditioning(List<ForcedUnit> units, Map<String, Integer> layerSizes, Map<String, Boolean> sizeKnown) {
        this(units, layerSizes, sizeKnown, false);
    }

    private SelfConditioning(List<ForcedUnit> units, Map<String, Integer> layerSizes, Map<String, Boolean> sizeKnown,
                             boolean lastTokenOnly) {
        this.units = List.copyOf(units);
        this.layerSizes = Map.copyOf(layerSizes);
        this.sizeKnown = Map.copyOf(sizeKnown);
        this.lastTokenOnly = lastTokenOnly;
    }

    /** The same experts forced only at the last position of each forward call (ml-selfcond's {@code --only-last-token}). */
    public SelfConditioning onlyLastToken() {
        return new SelfConditioning(units, layerSizes, sizeKnown, true);
    }

    /** The same experts forced at every position (the default). */
    public SelfConditioning everyToken() {
        return new SelfConditioning(units, layerSizes, sizeKnown, false);
    }

    public boolean forcesOnlyLastToken() {
        return lastTokenOnly;
    }

    /** The {@code k} best experts of an expertise result, forced to {@code on_p50}. */
    public static SelfConditioning top(ExpertiseResult expertise, int k) {
        return top(expertise, k, "on_p50");
    }

    /** The {@code k} best experts (highest AP across all layers), forced to the named value. */
    public static SelfConditioning top(ExpertiseResult expertise, int k, String forcing) {
        checkForcing(forcing);
        checkK(k, expertise.units());
        List<ForcedUnit> chosen = new ArrayList<>();
        for (UnitExpertise u : expertise.top(k)) chosen.add(new ForcedUnit(u.layer(), u.unit(), u.forcing(forcing), u.ap()));
        UnitLayout layout = expertise.layout();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (int l = 0; l < layout.layers(); l++) {
            sizes.put(layout.names().get(l), layout.size(l));
            known.put(layout.names().get(l), true);
        }
        return new SelfConditioning(chosen, sizes, known);
    }

    /**
     * The {@code k} best experts of an expertise CSV (this kit's or the original's: columns
     * {@code layer}, {@code unit}, {@code ap} and the forcing column).
     */
    public static SelfConditioning readCsv(Path csv, int k, String forcing) throws IOException {
        checkForcing(forcing);
        if (!Files.exists(csv)) throw new IOException("No expertise CSV at " + csv.toAbsolutePath() + ".");
        Table t = Table.read().csv(csv.toFile());
        for (String c : List.of("layer", "unit", "ap", forcing)) {
            if (!t.columnNames().contains(c)) {
                throw new IllegalArgumentException(csv + " has no '" + c + "' column (it has " + t.columnNames()
                        + "): give an expertise CSV written by interp4j expertise.");
            }
        }
        List<ForcedUnit> all = new ArrayList<>();
        Map<String, Integer> maxUnit = new LinkedHashMap<>(), rows = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String layer = t.column("layer").getUnformattedString(r);
            int unit = (int) Double.parseDouble(t.column("unit").getUnformattedString(r));
            double ap = Double.parseDouble(t.column("ap").getUnformattedString(r));
            double value = Double.parseDouble(t.column(forcing).getUnformattedString(r));
            all.add(new ForcedUnit(layer, unit, value, ap));
            maxUnit.merge(layer, unit, Math::max);
            rows.merge(layer, 1, Integer::sum);
        }
        checkK(k, all.size());
        // A table listing every unit of a layer (units 0..n-1) fixes the layer's size exactly.
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (String layer : maxUnit.keySet()) {
            boolean complete = rows.get(layer) == maxUnit.get(layer) + 1;
            sizes.put(layer, maxUnit.get(layer) + 1);
            known.put(layer, complete);
        }
        all.sort(Comparator.comparingDouble((ForcedUnit u) -> -u.ap()));
        return new SelfConditioning(all.subList(0, k), sizes, known);
    }

    /** Forces exactly these units (e.g. hand-picked); layer sizes are checked as far as they are known. */
    public static SelfConditioning of(List<ForcedUnit> units) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (ForcedUnit u : units) {
            if (u.unit() < 0) throw new IllegalArgumentException("Unit " + u.unit() + " of " + u.layer() + " is negative.");
            sizes.merge(u.layer(), u.unit() + 1, Math::max);
            known.put(u.layer(), false);
        }
        return new SelfConditioning(units, sizes, known);
    }

    private static void checkForcing(String forcing) {
        if (!FORCINGS.contains(forcing)) {
            throw new IllegalArgumentException("Unknown forcing value '" + forcing + "': use one of " + FORCINGS + ".");
        }
    }

    private static void checkK(int k, int available) {
        if (k < 0 || k > available) {
            throw new IllegalArgumentException("Asked to force " + k + " units but there are " + available
                    + ": choose a number of units between 0 and " + available + ".");
        }
    }

    /** The forced units, best expert first. */
    public List<ForcedUnit> units() {
        return units;
    }

    /** The first {@code k} of these units (for sweeps over the number of experts). */
    public SelfConditioning top(int k) {
        checkK(k, units.size());
        return new SelfConditioning(units.subList(0, k), layerSizes, sizeKnown, lastTokenOnly);
    }

    /** One {@link Interventions#set} hook per layer that holds forced units. */
    public List<Hooked> hooks() {
        Map<String, List<ForcedUnit>> byLayer = new LinkedHashMap<>();
        for (ForcedUnit u : units) byLayer.computeIfAbsent(u.layer(), x -> new ArrayList<>()).add(u);
        List<Hooked> hooks = new ArrayList<>();
        for (var e : byLayer.entrySet()) {
            int[] idx = e.getValue().stream().mapToInt(ForcedUnit::unit).toArray();
            float[] val = new float[idx.length];
            for (int i = 0; i < idx.length; i++) val[i] = (float) e.getValue().get(i).value();
            Hook set = Interventions.set(idx, val);
            hooks.add(Hooked.at(e.getKey(), lastTokenOnly ? lastPosition(set) : set));
        }
        return hooks;
    }

    /** {@code hook} applied to the last position of the call only; earlier positions pass unchanged. */
    static Hook lastPosition(Hook hook) {
        return (x, ctx) -> {
            NDArray changed = hook.apply(x, ctx);
            if (changed == null || x.getShape().get(1) == 1) return changed;
            return x.get(":, :-1").concat(changed.get(":, -1:"), 1);
        };
    }

    /** Fails with a clear message if these units do not fit {@code model}'s hook points. */
    public void check(LanguageModel model) {
        Map<String, Integer> actual = PointSizes.of(model, layerSizes.keySet());
        for (String layer : layerSizes.keySet()) {
            int want = layerSizes.get(layer), have = actual.get(layer);
            boolean bad = sizeKnown.get(layer) ? want != have : want > have;
            if (bad) {
                throw new IllegalArgumentException("The expertise has " + (sizeKnown.get(layer) ? "" : "at least ") + want
                        + " units at " + layer + " but " + model.name() + " has " + have
                        + ": it was computed for another model; recompute it for " + model.name() + ".");
            }
        }
    }

    /** Checks the units against the model, then attaches the forcing hooks until the handle is closed. */
    public HookHandle attach(LanguageModel model) {
        check(model);
        List<HookHandle> handles = new ArrayList<>();
        for (Hooked h : hooks()) handles.add(model.addHook(h.name(), h.hook()));
        return Handles.all(handles);
    }

    /** The forced units as a table: layer, unit, ap, value. */
    public Table table() {
        return Table.create("forced units",
                StringColumn.create("layer", units.stream().map(ForcedUnit::layer).toList()),
                IntColumn.create("unit", units.stream().mapToInt(ForcedUnit::unit).toArray()),
                DoubleColumn.create("ap", units.stream().mapToDouble(ForcedUnit::ap).toArray()),
                DoubleColumn.create("value", units.stream().mapToDouble(ForcedUnit::value).toArray()));
    }

    @Override
    public String toString() {
        return "SelfConditioning[" + units.size() + " units in " + units.stream().map(ForcedUnit::layer).distinct().count()
                + " layers]";
    }
}

package org.interp4j.expertise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.interp4j.responses.UnitLayout;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Expertise of every unit for one concept, in column order. The table and CSV keep the
 * original's column names ({@code ap}, {@code on_p50}, {@code off_mean}, {@code on_p90},
 * {@code layer}, {@code unit}, {@code uuid}, {@code concept}, {@code group}) and add
 * {@code off_p50} and {@code on_mean}, so that tables written here load where the original's do.
 */
public final class ExpertiseResult {

    /** Columns of {@link #table()}, in order; {@code concept} and {@code group} follow when given. */
    public static final List<String> COLUMNS =
            List.of("unit", "layer", "ap", "on_p50", "off_p50", "on_p90", "on_mean", "off_mean", "uuid");

    private final UnitLayout layout;
    private final double[] ap, onP50, offP50, onP90, onMean, offMean;

    ExpertiseResult(UnitLayout layout, double[] ap, double[] onP50, double[] offP50,
                    double[] onP90, double[] onMean, double[] offMean) {
        this.layout = layout;
        this.ap = ap;
        this.onP50 = onP50;
        this.offP50 = offP50;
        this.onP90 = onP90;
        this.onMean = onMean;
        this.offMean = offMean;
    }

    public UnitLayout layout() {
        return layout;
    }

    public int units() {
        return ap.length;
    }

    /** AP per unit (a copy), in column order. */
    public double[] ap() {
        return ap.clone();
    }

    /** Median response on positives per unit (a copy). */
    public double[] onP50() {
        return onP50.clone();
    }

    /** Median response on negatives per unit (a copy). */
    public double[] offP50() {
        return offP50.clone();
    }

    /** 90th percentile of the response on positives per unit (a copy). */
    public double[] onP90() {
        return onP90.clone();
    }

    /** Mean response on positives per unit (a copy). */
    public double[] onMean() {
        return onMean.clone();
    }

    /** Mean response on negatives per unit (a copy). */
    public double[] offMean() {
        return offMean.clone();
    }

    /** The unit in column {@code uuid}. */
    public UnitExpertise unit(int uuid) {
        int l = layout.layerOf(uuid);
        return new UnitExpertise(uuid, layout.names().get(l), uuid - layout.start(l), ap[uuid],
                onP50[uuid], offP50[uuid], onP90[uuid], onMean[uuid], offMean[uuid]);
    }

    /** Unit {@code unit} of layer {@code layer}. */
    public UnitExpertise unit(String layer, int unit) {
        return unit(layout.uuid(layer, unit));
    }

    /** The {@code k} units of highest AP across all layers, best first (ties: lower column first). */
    public List<UnitExpertise> top(int k) {
        return top(k, 0, units());
    }

    /** The {@code k} units of highest AP in one layer, best first. */
    public List<UnitExpertise> top(int k, String layer) {
        int l = layout.names().indexOf(layer);
        if (l < 0) throw new IllegalArgumentException("No layer " + layer + "; layers are " + layout.names() + ".");
        return top(k, layout.start(l), layout.start(l) + layout.size(l));
    }

    private List<UnitExpertise> top(int k, int from, int to) {
        if (k < 0) throw new IllegalArgumentException("Asked for the top " + k + " units: k must be 0 or more.");
        List<UnitExpertise> best = new ArrayList<>();
        IntStream.range(from, to).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> -ap[u]).thenComparingInt(u -> u))
                .limit(k)
                .forEach(u -> best.add(unit(u)));
        return best;
    }

    /** The expertise table, one row per unit in column order. */
    public Table table() {
        int n = units();
        int[] unit = new int[n], uuid = new int[n];
        String[] layer = new String[n];
        for (int l = 0; l < layout.layers(); l++) {
            for (int i = 0; i < layout.size(l); i++) {
                int u = layout.start(l) + i;
                unit[u] = i;
                uuid[u] = u;
                layer[u] = layout.names().get(l);
            }
        }
        return Table.create("expertise",
                IntColumn.create("unit", unit),
                StringColumn.create("layer", layer),
                DoubleColumn.create("ap", ap),
                DoubleColumn.create("on_p50", onP50),
                DoubleColumn.create("off_p50", offP50),
                DoubleColumn.create("on_p90", onP90),
                DoubleColumn.create("on_mean", onMean),
                DoubleColumn.create("off_mean", offMean),
                IntColumn.create("uuid", uuid));
    }

    /** The table with the original's {@code concept} and {@code group} columns filled in. */
    public Table table(String concept, String group) {
        Table t = table();
        String[] c = new String[units()], g = new String[units()];
        Arrays.fill(c, concept == null ? "" : concept);
        Arrays.fill(g, group == null ? "" : group);
        return t.addColumns(StringColumn.create("concept", c), StringColumn.create("group", g));
    }

    /** Writes {@link #table()} as CSV (header row, comma-separated). */
    public void writeCsv(Path file) {
        write(table(), file);
    }

    /** Writes {@link #table(String, String)} as CSV. */
    public void writeCsv(Path file, String concept, String group) {
        write(table(concept, group), file);
    }

    private static void write(Table t, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            t.write().csv(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}

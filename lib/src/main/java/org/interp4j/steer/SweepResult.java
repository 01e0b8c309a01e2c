package org.interp4j.steer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** What a {@link SteeringSweep} measured: one run per strength and seed, with its generations. */
public final class SweepResult {

    /** One strength and seed: the continuations of all prompts, their concept presence and perplexity. */
    public record Run(double strength, long seed, List<String> texts, double presence, double perplexity) {}

    private final String concept;
    private final String strengthName;
    private final List<String> prompts;
    private final List<Run> runs;

    SweepResult(String concept, String strengthName, List<String> prompts, List<Run> runs) {
        this.concept = concept;
        this.strengthName = strengthName;
        this.prompts = List.copyOf(prompts);
        this.runs = List.copyOf(runs);
    }

    public List<Run> runs() {
        return runs;
    }

    public List<String> prompts() {
        return prompts;
    }

    /** Every generation at one strength, seed by seed. */
    public List<String> texts(double strength) {
        List<String> t = new ArrayList<>();
        for (Run r : runs) if (r.strength() == strength) t.addAll(r.texts());
        if (t.isEmpty()) throw new IllegalArgumentException("No run at " + strengthName + " = " + strength + ".");
        return t;
    }

    /** One row per strength and seed: strength, seed, generations, presence, perplexity. */
    public Table table() {
        return Table.create(concept + " sweep",
                DoubleColumn.create(strengthName, runs.stream().mapToDouble(Run::strength).toArray()),
                LongColumn.create("seed", runs.stream().mapToLong(Run::seed).toArray()),
                IntColumn.create("generations", runs.stream().mapToInt(r -> r.texts().size()).toArray()),
                DoubleColumn.create("presence", runs.stream().mapToDouble(Run::presence).toArray()),
                DoubleColumn.create("perplexity", runs.stream().mapToDouble(Run::perplexity).toArray()));
    }

    /** One row per strength: mean and standard deviation over seeds of presence and perplexity. */
    public Table summary() {
        Map<Double, List<Run>> by = new LinkedHashMap<>();
        for (Run r : runs) by.computeIfAbsent(r.strength(), k -> new ArrayList<>()).add(r);
        int n = by.size();
        double[] s = new double[n], pm = new double[n], ps = new double[n], qm = new double[n], qs = new double[n];
        int i = 0;
        for (var e : by.entrySet()) {
            s[i] = e.getKey();
            double[] p = e.getValue().stream().mapToDouble(Run::presence).toArray();
            double[] q = e.getValue().stream().mapToDouble(Run::perplexity).toArray();
            pm[i] = mean(p);
            ps[i] = sd(p);
            qm[i] = mean(q);
            qs[i] = sd(q);
            i++;
        }
        return Table.create(concept + " summary", DoubleColumn.create(strengthName, s),
                DoubleColumn.create("presence", pm), DoubleColumn.create("presence_sd", ps),
                DoubleColumn.create("perplexity", qm), DoubleColumn.create("perplexity_sd", qs));
    }

    /** Concept presence against perplexity, one point per strength: the price of steering. */
    public XYChart chart() {
        Table t = summary();
        XYChart chart = new XYChartBuilder().width(640).height(420)
                .title("Concept presence vs perplexity (" + concept + ", by " + strengthName + ")")
                .xAxisTitle("Perplexity under the unsteered model")
                .yAxisTitle("Concept presence (share of generations)").build();
        XYSeries s = chart.addSeries(strengthName + " " + format(t.doubleColumn(strengthName).min()) + " to "
                        + format(t.doubleColumn(strengthName).max()),
                t.doubleColumn("perplexity").asDoubleArray(), t.doubleColumn("presence").asDoubleArray());
        s.setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static double sd(double[] x) {
        if (x.length < 2) return 0;
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    @Override
    public String toString() {
        return summary().print();
    }
}

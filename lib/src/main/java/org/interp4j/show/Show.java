package org.interp4j.show;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows figures and tables under a notebook cell. In a JJava notebook the output is rich
 * (PNG, SVG, HTML); elsewhere text goes to the terminal and pictures to files whose path is printed.
 *
 * <pre>{@code
 * Show.chart(chart);                       // any XChart figure, as PNG
 * Show.table(table);                       // a Tablesaw table, as HTML
 * Show.heatmap(values, "p-values", "unit", "layer");
 * }</pre>
 */
public final class Show {
    private Show() {}

    /** Rows shown by {@link #table(Table)} before the middle of a table is left out. */
    public static final int DEFAULT_TABLE_ROWS = 20;

    private static Display display;

    /** The display in use: the JJava kernel when there is one, else the terminal. */
    public static synchronized Display display() {
        if (display == null) {
            Display kernel = JJavaDisplay.find();
            display = kernel != null ? kernel : TerminalDisplay.standard();
        }
        return display;
    }

    /** Sends all later output to {@code next} (null: find the kernel or terminal again); returns the previous display. */
    public static synchronized Display use(Display next) {
        Display previous = display;
        display = next;
        return previous;
    }

    /** Shows any XChart figure (XYChart, CategoryChart, HeatMapChart, ...) as a PNG image. */
    public static void chart(Chart<?, ?> chart) {
        display().show(Output.png(ChartImages.png(chart), ChartImages.describe(chart)));
    }

    /** Shows any XChart figure as SVG: sharp at any zoom, larger for charts with many points. */
    public static void svg(Chart<?, ?> chart) {
        display().show(Output.svg(ChartImages.svg(chart), ChartImages.describe(chart)));
    }

    /** Shows a table as HTML, its first and last rows when it has more than {@value #DEFAULT_TABLE_ROWS}. */
    public static void table(Table table) {
        table(table, DEFAULT_TABLE_ROWS);
    }

    public static void table(Table table, int maxRows) {
        display().show(new Output(table.print(maxRows), HtmlTable.of(table, maxRows), null, null, "table"));
    }

    /**
     * Draws and shows a heat map of {@code layerByUnit[layer][unit]} with a colour scale, axes and title.
     * {@link Heatmaps#of} gives the same chart as an object, to restyle or save it.
     */
    public static void heatmap(double[][] layerByUnit, String title, String xLabel, String yLabel) {
        chart(Heatmaps.of(layerByUnit, title, xLabel, yLabel));
    }

    /** Shows an attention pattern {@code pattern[query][key]} with the tokens on both axes. */
    public static void attention(double[][] pattern, List<String> tokens, String title) {
        chart(Heatmaps.attention(pattern, tokens, title));
    }

    /** Shows an HTML fragment; {@code text} is what a terminal prints instead. */
    public static void html(String html, String text) {
        display().show(Output.html(html, text));
    }

    public static void text(String text) {
        display().show(Output.text(text));
    }
}

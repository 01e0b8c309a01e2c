package org.interp4j.show;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** Heat maps of a value per (row, column), e.g. one row per layer and one column per unit. */
public final class Heatmaps {
    private Heatmaps() {}

    /** Signed data: blue below zero, white at zero, red above, on a scale symmetric around zero. */
    private static final Color[] DIVERGING = {new Color(0x3b4cc0), new Color(0xf7f7f7), new Color(0xb40426)};
    /** Data of one sign: white at zero, the sign's colour at the far end. */
    private static final Color[] POSITIVE = {new Color(0xf7f7f7), new Color(0xb40426)};
    private static final Color[] NEGATIVE = {new Color(0x3b4cc0), new Color(0xf7f7f7)};

    /**
     * @param values values[row][column]; every row the same length
     * @param title chart title
     * @param xLabel label of the column axis (e.g. "unit")
     * @param yLabel label of the row axis (e.g. "layer")
     */
    public static HeatMapChart of(double[][] values, String title, String xLabel, String yLabel) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heat map needs at least one row and one column, got "
                    + values.length + " rows");
        }
        int columns = values[0].length;
        List<Integer> xs = range(columns);
        List<Integer> ys = range(values.length);
        List<Number[]> cells = new ArrayList<>(values.length * columns);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length
                        + " values but row 0 has " + columns + ": every row must be the same length");
            }
            for (int c = 0; c < columns; c++) {
                double v = values[r][c];
                cells.add(new Number[] {c, r, v});
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) { min = 0; max = 1; } // nothing finite to scale by
        // White always means zero: a signed scale is symmetric, a one-signed scale starts at zero.
        Color[] colors;
        if (min < 0 && max > 0) {
            double m = Math.max(-min, max);
            min = -m;
            max = m;
            colors = DIVERGING;
        } else if (max <= 0) {
            max = 0;
            colors = NEGATIVE;
        } else {
            min = 0;
            colors = POSITIVE;
        }
        if (min == max) { min -= 0.5; max += 0.5; }

        HeatMapChart chart = new HeatMapChartBuilder()
                .width(Math.max(500, Math.min(1000, 200 + columns * 12)))
                .height(Math.max(300, Math.min(800, 150 + values.length * 24)))
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var styler = chart.getStyler();
        styler.setRangeColors(colors);
        // XChart prints the scale's ends with every digit: widen them to three significant digits
        styler.setMin(round(min, RoundingMode.FLOOR));
        styler.setMax(round(max, RoundingMode.CEILING));
        styler.setShowValue(false);
        styler.setPlotGridLinesVisible(false);
        styler.setDrawBorder(columns <= 60); // cell borders would hide the colours of narrow cells
        styler.setPlotContentSize(1.0);
        styler.setChartTitleVisible(true);
        styler.setLegendVisible(true);
        // a label per column is unreadable for hundreds of units: keep about twenty
        int step = Math.max(1, (int) Math.ceil(columns / 20.0));
        styler.setxAxisTickLabelsFormattingFunction(x -> x.intValue() % step == 0 ? String.valueOf(x.intValue()) : " ");
        chart.addSeries(title == null ? "values" : title, xs, ys, cells);
        return chart;
    }

    /**
     * An attention pattern, {@code pattern[query][key]}, with the tokens as axis labels: queries
     * top to bottom, keys left to right, as TransformerLens and CircuitsVis draw them.
     * Labels carry the position ("3:the") because a token can occur twice.
     */
    public static HeatMapChart attention(double[][] pattern, List<String> tokens, String title) {
        int n = tokens.size();
        if (pattern.length != n) {
            throw new IllegalArgumentException("pattern has " + pattern.length + " query rows but there are "
                    + n + " tokens: pass pattern[query][key] for these tokens");
        }
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) labels.add(i + ":" + tokens.get(i).replace("\n", "\\n"));
        List<String> rowsTopDown = new ArrayList<>(labels);
        Collections.reverse(rowsTopDown); // XChart draws row 0 at the bottom
        List<Number[]> cells = new ArrayList<>(n * n);
        for (int q = 0; q < n; q++) {
            if (pattern[q].length != n) {
                throw new IllegalArgumentException("row " + q + " has " + pattern[q].length + " keys but there are "
                        + n + " tokens: pass pattern[query][key] for these tokens");
            }
            for (int k = 0; k < n; k++) cells.add(new Number[] {k, n - 1 - q, pattern[q][k]});
        }
        int size = Math.max(400, Math.min(900, 160 + n * 28));
        HeatMapChart chart = new HeatMapChartBuilder().width(size + 120).height(size)
                .title(title).xAxisTitle("key").yAxisTitle("query").build();
        var styler = chart.getStyler();
        styler.setRangeColors(new Color[] {Color.WHITE, new Color(0xb40426)});
        styler.setMin(0);
        styler.setMax(1);
        styler.setShowValue(false);
        styler.setPlotGridLinesVisible(false);
        styler.setXAxisLabelRotation(60);
        chart.addSeries(title == null ? "pattern" : title, labels, rowsTopDown, cells);
        return chart;
    }

    private static double round(double x, RoundingMode mode) {
        return x == 0 ? 0 : new BigDecimal(x).round(new MathContext(3, mode)).doubleValue();
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(i);
        return list;
    }
}

package org.interp4j.show;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart figures as PNG bytes or SVG text, in memory. */
public final class ChartImages {
    private ChartImages() {}

    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart as PNG", e);
        }
    }

    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart as SVG", e);
        }
        String svg = bytes.toString(StandardCharsets.UTF_8);
        // drop the XML prolog and DOCTYPE: HTML pages and notebook front ends want the bare element
        int start = svg.indexOf("<svg");
        return start > 0 ? svg.substring(start) : svg;
    }

    /** A one-line description that stands in for the picture in plain text. */
    static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : chart.getTitle();
        return chart.getClass().getSimpleName() + " \"" + title + "\" (" + chart.getWidth() + "x" + chart.getHeight() + ")";
    }
}

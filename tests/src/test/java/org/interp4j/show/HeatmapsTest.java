package org.interp4j.show;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

class HeatmapsTest {
    @Test
    void oneCellPerLayerAndUnitWithAxesAndTitle() {
        double[][] v = {{0.0, 0.5, 1.0}, {-2.0, 3.0, 0.25}};
        HeatMapChart chart = Heatmaps.of(v, "significant units", "unit", "layer");
        assertEquals("significant units", chart.getTitle());
        assertEquals("unit", chart.getXAxisTitle());
        assertEquals("layer", chart.getYAxisTitle());
        var series = chart.getHeatMapSeries();
        assertEquals(6, series.getHeatData().size());
        Number[] cell = null;
        for (Number[] c : series.getHeatData()) if (c[0].intValue() == 1 && c[1].intValue() == 1) cell = c;
        assertNotNull(cell, "cell at unit 1, layer 1");
        assertEquals(3.0, cell[2].doubleValue(), "value at unit 1, layer 1");
        assertEquals(-3.0, chart.getStyler().getMin());
        assertEquals(3.0, chart.getStyler().getMax());
    }

    @Test
    void whiteIsZeroSignedScalesAreSymmetricAndOneSignedStartAtZero() {
        HeatMapChart signed = Heatmaps.of(new double[][] {{-0.5, 2}}, "t", "x", "y");
        assertEquals(-2.0, signed.getStyler().getMin());
        assertEquals(2.0, signed.getStyler().getMax());
        assertEquals(3, signed.getStyler().getRangeColors().length);
        HeatMapChart positive = Heatmaps.of(new double[][] {{1.5, 2}}, "t", "x", "y");
        assertEquals(0.0, positive.getStyler().getMin());
        assertEquals(java.awt.Color.decode("#f7f7f7"), positive.getStyler().getRangeColors()[0]);
        HeatMapChart negative = Heatmaps.of(new double[][] {{-1.5, -2}}, "t", "x", "y");
        assertEquals(0.0, negative.getStyler().getMax());
    }

    @Test
    void scaleEndsAreRoundedOutwardToThreeDigits() {
        HeatMapChart chart = Heatmaps.of(new double[][] {{0.00099969, 0.123456}}, "t", "x", "y");
        assertEquals(0.0, chart.getStyler().getMin());
        assertEquals(0.124, chart.getStyler().getMax());
        HeatMapChart signed = Heatmaps.of(new double[][] {{-0.99969, 0.123456}}, "t", "x", "y");
        assertEquals(-1.0, signed.getStyler().getMin());
        assertEquals(1.0, signed.getStyler().getMax());
    }

    @Test
    void drawsAsPng() throws Exception {
        double[][] v = new double[4][300];
        for (int l = 0; l < 4; l++) for (int u = 0; u < 300; u++) v[l][u] = l * u;
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartImages.png(Heatmaps.of(v, "t", "unit", "layer"))));
        assertTrue(image.getWidth() >= 500 && image.getHeight() >= 300);
    }

    @Test
    void raggedOrEmptyInputIsRefusedClearly() {
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.of(new double[][] {{1, 2}, {3}}, "t", "x", "y"));
        assertTrue(ragged.getMessage().contains("row 1 has 1 values but row 0 has 2"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Heatmaps.of(new double[0][], "t", "x", "y"));
    }

    @Test
    void attentionPatternPutsQueriesTopDownWithTokenLabels() {
        double[][] p = {{1, 0, 0}, {0.25, 0.75, 0}, {0.1, 0.2, 0.7}};
        HeatMapChart chart = Heatmaps.attention(p, java.util.List.of("<s>", " the", " the"), "head 0.1");
        var series = chart.getHeatMapSeries();
        assertEquals(java.util.List.of("0:<s>", "1: the", "2: the"), series.getXData());
        assertEquals(java.util.List.of("2: the", "1: the", "0:<s>"), series.getYData(), "row 0 drawn at the top");
        for (Number[] c : series.getHeatData()) {
            int key = c[0].intValue(), query = 2 - c[1].intValue();
            assertEquals(p[query][key], c[2].doubleValue(), "query " + query + ", key " + key);
        }
        assertEquals(9, series.getHeatData().size());
    }

    @Test
    void attentionPatternMustMatchTheTokens() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.attention(new double[2][2], java.util.List.of("a", "b", "c"), "t"));
        assertTrue(e.getMessage().contains("2 query rows but there are 3 tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.attention(new double[][] {{1}, {1, 0}}, java.util.List.of("a", "b"), "t"));
    }
}

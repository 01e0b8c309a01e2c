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
        assertEquals(-2.0, chart.getStyler().getMin());
        assertEquals(3.0, chart.getStyler().getMax());
    }

    @Test
    void scaleEndsAreRoundedOutwardToThreeDigits() {
        HeatMapChart chart = Heatmaps.of(new double[][] {{-0.99969, 0.123456}}, "t", "x", "y");
        assertEquals(-1.0, chart.getStyler().getMin());
        assertEquals(0.124, chart.getStyler().getMax());
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
}

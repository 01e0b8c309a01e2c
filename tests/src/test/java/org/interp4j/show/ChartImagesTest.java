package org.interp4j.show;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartImagesTest {
    private static XYChart line() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("loss by step").build();
        chart.addSeries("loss", new double[] {0, 1, 2, 3}, new double[] {4, 2, 1, 0.5});
        return chart;
    }

    @Test
    void pngIsAnImageOfTheChartsSize() throws Exception {
        byte[] png = ChartImages.png(line());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                java.util.Arrays.copyOf(png, 8), "PNG signature");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void pngOfACategoryChartDecodes() throws Exception {
        CategoryChart chart = new CategoryChartBuilder().width(300).height(240).title("counts").build();
        chart.addSeries("n", java.util.List.of("a", "b"), java.util.List.of(3, 5));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartImages.png(chart)));
        assertEquals(300, image.getWidth());
    }

    @Test
    void svgIsABareSvgElementOfTheChartsSize() {
        String svg = ChartImages.svg(line());
        assertTrue(svg.startsWith("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.trim().endsWith("</svg>"));
        assertTrue(svg.contains("viewBox=\"0 0 320 200\""), svg.substring(0, Math.min(300, svg.length())));
        assertTrue(svg.contains("<path"), "chart drawn as shapes");
    }

    @Test
    void descriptionNamesTypeTitleAndSize() {
        assertEquals("XYChart \"loss by step\" (320x200)", ChartImages.describe(line()));
    }
}

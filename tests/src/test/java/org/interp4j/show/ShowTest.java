package org.interp4j.show;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ShowTest {
    private final RecordingDisplay display = new RecordingDisplay();

    @AfterEach
    void restore() {
        Show.use(null);
    }

    @Test
    void outsideAKernelTheTerminalIsUsed() {
        assertNull(JJavaDisplay.find(), "no JJava kernel in a unit test");
        Show.use(null);
        assertInstanceOf(TerminalDisplay.class, Show.display());
    }

    @Test
    void chartsGoOutAsPngOrSvgWithATextStandIn() {
        Show.use(display);
        XYChart chart = new XYChartBuilder().width(200).height(100).title("c").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        Show.chart(chart);
        Output png = display.last().output();
        assertEquals((byte) 0x89, png.png()[0]);
        assertNull(png.svg());
        assertEquals("XYChart \"c\" (200x100)", png.text());
        Show.svg(chart);
        assertTrue(display.last().output().svg().contains("<svg"));
        assertNull(display.last().output().png());
    }

    @Test
    void tablesGoOutAsHtmlAndText() {
        Show.use(display);
        Show.table(Table.create("t", IntColumn.create("layer", 11, 12)));
        Output out = display.last().output();
        assertTrue(out.html().contains("<td>11</td>") && out.html().contains("<td>12</td>"), out.html());
        assertTrue(out.text().contains("layer") && out.text().contains("12"), out.text());
    }

    @Test
    void heatmapIsShownAsAPicture() {
        Show.use(display);
        Show.heatmap(new double[][] {{1, 2}, {3, 4}}, "h", "unit", "layer");
        assertEquals("HeatMapChart \"h\" (500x300)", display.last().output().text());
        assertNotNull(display.last().output().png());
    }

    @Test
    void useReturnsThePreviousDisplay() {
        Show.use(display);
        RecordingDisplay other = new RecordingDisplay();
        assertSame(display, Show.use(other));
        Show.text("x");
        assertEquals(1, other.calls.size());
        assertEquals(0, display.calls.size());
    }
}

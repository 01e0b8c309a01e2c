package org.interp4j.show;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {
    @Test
    void smallTableHasHeaderAndEveryRow() {
        Table t = Table.create("units", IntColumn.create("layer", 3, 7),
                DoubleColumn.create("ap", 0.91, 0.42), StringColumn.create("word", "<not>", "A&B"));
        String html = HtmlTable.of(t, 20);
        assertTrue(html.contains("<th>layer</th><th>ap</th><th>word</th>"), html);
        assertTrue(html.contains("<tr><td>3</td><td>0.91</td><td>&lt;not&gt;</td></tr>"), html);
        assertTrue(html.contains("<tr><td>7</td><td>0.42</td><td>A&amp;B</td></tr>"), html);
        assertTrue(html.contains("units (2 rows × 3 columns)"), html);
        assertFalse(html.contains("more rows"));
    }

    @Test
    void longTableShowsHeadAndTailAroundAGap() {
        int[] values = new int[100];
        for (int i = 0; i < values.length; i++) values[i] = 1000 + i;
        String html = HtmlTable.of(Table.create("t", IntColumn.create("v", values)), 6);
        long rows = html.lines().filter(l -> l.startsWith("<tr><td>1")).count();
        assertEquals(6, rows, html);
        for (int v : new int[] {1000, 1001, 1002, 1097, 1098, 1099}) assertTrue(html.contains("<td>" + v + "</td>"), "row " + v);
        assertFalse(html.contains("<td>1003</td>"));
        assertTrue(html.contains("… 94 more rows …"), html);
    }

    @Test
    void tooFewRowsIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> HtmlTable.of(Table.create("t"), 1));
        assertTrue(e.getMessage().contains("at least 2"));
    }
}

package org.interp4j.show;

import tech.tablesaw.api.Table;

/** A Tablesaw table as an HTML table; long tables show their head and tail around a gap. */
public final class HtmlTable {
    private HtmlTable() {}

    public static String of(Table table, int maxRows) {
        if (maxRows < 2) throw new IllegalArgumentException("maxRows must be at least 2, was " + maxRows);
        int rows = table.rowCount();
        int head = rows <= maxRows ? rows : (maxRows + 1) / 2;
        int tail = rows <= maxRows ? 0 : maxRows / 2;
        StringBuilder html = new StringBuilder("<table class=\"interp4j-table\">\n");
        String name = table.name();
        html.append("<caption style=\"white-space:nowrap;text-align:left\">").append(escape(name == null || name.isBlank() ? "" : name + " "))
                .append("(").append(rows).append(" rows × ").append(table.columnCount()).append(" columns)</caption>\n");
        html.append("<thead><tr>");
        for (String column : table.columnNames()) html.append("<th>").append(escape(column)).append("</th>");
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < head; r++) row(html, table, r);
        if (tail > 0) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(rows - head - tail).append(" more rows …</td></tr>\n");
            for (int r = rows - tail; r < rows; r++) row(html, table, r);
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static void row(StringBuilder html, Table table, int r) {
        html.append("<tr>");
        for (int c = 0; c < table.columnCount(); c++) {
            html.append("<td>").append(escape(table.getString(r, c))).append("</td>");
        }
        html.append("</tr>\n");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}

package org.interp4j.grade;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints grade rows as an aligned table and writes them as CSV. */
public final class ScoreTable {

    /** The CSV header, exactly. */
    public static final String CSV_HEADER = "submission,exercise,points,max_points,message";

    private ScoreTable() {
    }

    /** Aligned columns, with a total line after each submission. */
    public static void print(List<ScoreLine> lines, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"submission", "exercise", "points", "max_points", "message"});
        Map<String, double[]> totals = new LinkedHashMap<>();
        String previous = null;
        for (ScoreLine l : lines) {
            if (previous != null && !previous.equals(l.submission())) {
                rows.add(totalRow(previous, totals.get(previous)));
            }
            previous = l.submission();
            double[] t = totals.computeIfAbsent(l.submission(), k -> new double[2]);
            t[0] += l.points();
            t[1] += l.maxPoints();
            rows.add(new String[] {l.submission(), l.exercise(), number(l.points()), number(l.maxPoints()), l.message()});
        }
        if (previous != null) {
            rows.add(totalRow(previous, totals.get(previous)));
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                String cell = r[i];
                boolean numeric = i == 2 || i == 3;
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(numeric ? pad + cell : cell + pad).append("  ");
            }
            sb.append(r[4]);
            out.println(sb.toString().stripTrailing());
        }
    }

    /** "points/max_points" of some rows, e.g. "4/6". */
    public static String total(List<ScoreLine> rows) {
        double points = rows.stream().mapToDouble(ScoreLine::points).sum();
        double max = rows.stream().mapToDouble(ScoreLine::maxPoints).sum();
        return number(points) + "/" + number(max);
    }

    private static String[] totalRow(String submission, double[] t) {
        return new String[] {submission, "total", number(t[0]), number(t[1]), ""};
    }

    /** CSV (RFC 4180) with columns {@value #CSV_HEADER}. */
    public static String csv(List<ScoreLine> lines) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append("\r\n");
        for (ScoreLine l : lines) {
            sb.append(field(l.submission())).append(',')
                    .append(field(l.exercise())).append(',')
                    .append(number(l.points())).append(',')
                    .append(number(l.maxPoints())).append(',')
                    .append(field(l.message())).append("\r\n");
        }
        return sb.toString();
    }

    public static void writeCsv(List<ScoreLine> lines, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, csv(lines), StandardCharsets.UTF_8);
    }

    private static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

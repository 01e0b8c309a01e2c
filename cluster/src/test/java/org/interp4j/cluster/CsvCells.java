package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The effects CSV as cells (it has no quoted fields), compared numerically where both sides are numbers. */
final class CsvCells {
    private CsvCells() {
    }

    static List<String[]> read(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    static void assertClose(List<String[]> expected, List<String[]> actual, double tolerance) {
        assertEquals(expected.size(), actual.size(), "rows");
        String[] header = expected.get(0);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).length, actual.get(i).length, "cells in row " + i);
            for (int j = 0; j < header.length; j++) {
                String e = expected.get(i)[j], a = actual.get(i)[j];
                Double x = number(e), y = number(a);
                if (x == null || y == null) {
                    assertEquals(e, a, "row " + i + ", " + header[j]);
                } else {
                    assertEquals(x, y, tolerance, "row " + i + ", " + header[j]);
                }
            }
        }
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Grading that gives the same answer on every machine: every exercise's tolerance has been measured
 * against how far its answer moves across thread counts and OpenMP wait policies
 * ({@code tests/tolerances/measure.py} writes {@code variation.tsv}), and no exercise uses more than
 * half of its tolerance there — the other half is the margin for other CPUs. An exercise added
 * without a measurement, or a tolerance tightened below the measured variation, fails here.
 */
class ToleranceVariationTest {

    private static final Path TABLE = Fixtures.path("lib/src/main/resources/org/interp4j/grade/expected/variation.tsv");

    private static Map<String, String[]> rows() throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("#") || line.startsWith("exercise\t") || line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            rows.put(cols[0], cols);
        }
        return rows;
    }

    @Test
    void everyGradedExerciseWasMeasured() throws IOException {
        Set<String> graded = new TreeSet<>();
        Trials.all().forEach(e -> graded.add(e.id()));
        for (Expectations file : ExpectationRegistry.loaded()) {
            graded.addAll(file.exercises().keySet());
        }
        assertTrue(graded.size() >= 20, "the course's exercises were found: " + graded);
        Set<String> missing = new TreeSet<>(graded);
        missing.removeAll(rows().keySet());
        assertEquals(Set.of(), missing, "exercises without a measured variation: run python3 tests/tolerances/measure.py");
    }

    @Test
    void noExerciseUsesMoreThanHalfItsTolerance() throws IOException {
        StringBuilder tight = new StringBuilder();
        for (String[] r : rows().values()) {
            double share = Double.parseDouble(r[4]);
            if (!(share <= 0.5)) {
                tight.append(r[0]).append(" uses ").append(r[4]).append(" of its tolerance\n");
            }
        }
        assertEquals("", tight.toString());
    }

    @Test
    void measuredWithOneTwoAndFourThreads() throws IOException {
        List<String> header = Files.readAllLines(TABLE).stream().filter(l -> l.startsWith("# settings:")).toList();
        assertEquals(1, header.size(), "the table names its settings");
        for (String threads : new String[] {"1 thread(s)", "2 thread(s)", "4 thread(s)"}) {
            assertTrue(header.get(0).contains(threads), "measured with " + threads + ": " + header.get(0));
        }
    }
}

package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.cli.AblateCommand;
import org.interp4j.support.WordLevelModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code interp4j-cluster ablate} on Spark local[2] against the single-machine {@code interp4j ablate},
 * on the tiny Llama fixture (160 neurons in the last layer): split into 3 slices, the table must be the
 * unsplit one, mean-ablation values included.
 */
class ClusterAblateTest {
    @TempDir
    static Path tmp;

    static Path model;

    @BeforeAll
    static void fixture() throws IOException {
        model = WordLevelModel.writeTo(tmp.resolve("llama-words"));
    }

    @Test
    void threeSlicesGiveTheUnsplitTable() throws IOException {
        Path whole = tmp.resolve("whole.csv"), split = tmp.resolve("split.csv");
        Run one = Run.of(new CommandLine(new AblateCommand()),
                "--model", model.toString(), "--contexts", "8", "--mode", "mean", "--out", whole.toString());
        assertEquals(0, one.status(), one.err());
        Run spark = Run.cluster("ablate", "--master", "local[2]", "--partitions", "3", "--model", model.toString(),
                "--contexts", "8", "--mode", "mean", "--neurons", "0-159", "--out", split.toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.err().contains("3/3 neuron slices done"), spark.err());
        assertTrue(spark.err().contains("0 failed task attempt(s)"), spark.err());

        List<String[]> a = CsvCells.read(whole), b = CsvCells.read(split);
        assertEquals(161, a.size(), "header and 160 neurons");
        assertEquals(String.join(",", a.get(0)), String.join(",", b.get(0)), "same columns in the same order");
        assertTrue(List.of(a.get(0)).contains("ablation_value"));
        CsvCells.assertClose(a, b, 1e-6);
        // The mean ablation really moved something: a zero table would compare equal too.
        int v = List.of(a.get(0)).indexOf("ablation_value");
        assertTrue(a.stream().skip(1).anyMatch(r -> Double.parseDouble(r[v]) != 0), "mean-ablation values are not all 0");
    }

    @Test
    void badInputGivesOneClearLine() {
        Run r = Run.cluster("ablate", "--master", "local[1]", "--model", model.toString(), "--partitions", "0",
                "--out", tmp.resolve("x.csv").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--partitions must be at least 1, got 0"), "stderr was: [" + r.err() + "]");
        Run range = Run.cluster("ablate", "--model", model.toString(), "--neurons", "9-3", "--out", tmp.resolve("x.csv").toString());
        assertEquals(2, range.status());
        assertTrue(range.err().strip().endsWith("--neurons 9-3 is an empty range: write it low-high, e.g. 0-159."), range.err());
        Run unit = Run.cluster("ablate", "--model", model.toString(), "--neurons", "150-160", "--out", tmp.resolve("x.csv").toString());
        assertEquals(2, unit.status());
        assertTrue(unit.err().contains("Unit 160 is out of range"), unit.err());
    }
}

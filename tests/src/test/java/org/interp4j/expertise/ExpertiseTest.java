package org.interp4j.expertise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.responses.UnitLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Forcing values against NumPy (np.percentile, float64 means), recorded by make_ap_goldens.py. */
class ExpertiseTest {

    private static final List<String> NAMES = List.of("blocks.0.mlp.hook_post", "blocks.1.mlp.hook_post", "blocks.2.mlp.hook_post");
    private static final int[] SIZES = {20, 10, 20};

    /** Equal up to 1e-9 relative: the huge units reach 3e38. */
    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1e-300, Math.abs(expected)), what);
    }

    private static ExpertiseResult golden() {
        return Expertise.compute(Goldens.responses(), Goldens.labels("y"), UnitLayout.of(NAMES, SIZES));
    }

    @Test
    void forcingValuesMatchNumpy() {
        ExpertiseResult r = golden();
        String[] names = {"on_p50", "off_p50", "on_p90", "on_mean", "off_mean"};
        double[][] actual = {r.onP50(), r.offP50(), r.onP90(), r.onMean(), r.offMean()};
        for (int k = 0; k < names.length; k++) {
            double[] expected = Goldens.doubles(names[k]);
            for (int u = 0; u < expected.length; u++) assertClose(expected[u], actual[k][u], names[k] + " of unit " + u);
        }
        double[] ap = Goldens.doubles("ap");
        for (int u = 0; u < ap.length; u++) assertEquals(ap[u], r.ap()[u], 1e-9, "ap of unit " + u);
    }

    @Test
    void unitsAreNamedByLayerAndIndex() {
        ExpertiseResult r = golden();
        UnitExpertise e = r.unit(27);
        assertEquals("blocks.1.mlp.hook_post", e.layer());
        assertEquals(7, e.unit());
        assertEquals(27, r.unit("blocks.1.mlp.hook_post", 7).uuid());
        assertEquals(Goldens.doubles("on_p50")[27], e.forcing("on_p50"), 0);
        assertEquals(2, r.layout().layerOf(30));
        assertEquals(0, r.layout().unitOf(30));
    }

    @Test
    void topExpertsAcrossAndWithinLayers() {
        ExpertiseResult r = golden();
        double[] ap = Goldens.doubles("ap");
        List<UnitExpertise> top = r.top(5);
        assertEquals(5, top.size());
        // Unit 40 is a perfect detector: s * 2 + 0.5.
        assertEquals(40, top.get(0).uuid());
        assertEquals(1.0, top.get(0).ap(), 1e-12);
        int better = 0;
        for (double a : ap) if (a > top.get(4).ap() + 1e-12) better++;
        assertTrue(better <= 4, "no unit outside the top 5 may beat its last member");
        for (int i = 1; i < top.size(); i++) assertTrue(top.get(i - 1).ap() >= top.get(i).ap());
        List<UnitExpertise> inLayer = r.top(3, "blocks.0.mlp.hook_post");
        assertEquals(3, inLayer.size());
        for (UnitExpertise e : inLayer) assertTrue(e.uuid() < 20);
        assertEquals(50, r.top(1000).size());
    }

    @Test
    void tableAndCsvKeepTheOriginalColumnNames(@TempDir Path dir) throws Exception {
        ExpertiseResult r = golden();
        Table t = r.table("football-1_04_00__", "sense");
        assertEquals(List.of("unit", "layer", "ap", "on_p50", "off_p50", "on_p90", "on_mean", "off_mean", "uuid",
                "concept", "group"), t.columnNames());
        assertEquals(50, t.rowCount());

        Path csv = dir.resolve("expertise.csv");
        r.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", ExpertiseResult.COLUMNS), lines.get(0));
        assertEquals(51, lines.size());
        double[] onP50 = Goldens.doubles("on_p50");
        double[] ap = Goldens.doubles("ap");
        for (int u = 0; u < 50; u++) {
            String[] f = lines.get(u + 1).split(",");
            assertEquals(u < 20 ? u : u < 30 ? u - 20 : u - 30, Integer.parseInt(f[0]));
            assertEquals(NAMES.get(u < 20 ? 0 : u < 30 ? 1 : 2), f[1]);
            assertEquals(ap[u], Double.parseDouble(f[2]), 1e-9, "ap of unit " + u + " as written");
            assertClose(onP50[u], Double.parseDouble(f[3]), "on_p50 of unit " + u + " as written");
            assertEquals(u, Integer.parseInt(f[8]));
        }
    }

    @Test
    void layoutMustCoverTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expertise.compute(Goldens.responses(), Goldens.labels("y"), UnitLayout.ofSizes(20, 20)));
        assertTrue(e.getMessage().contains("hold 40 units but the responses have 50"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnitLayout.evenly(List.of("a", "b", "c"), 50));
        assertEquals(25, UnitLayout.evenly(List.of("a", "b"), 50).size(1));
    }
}

package org.interp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interp4j.ablate.NeuronSelection;
import org.interp4j.support.WordLevelModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code ablate}, {@code select} and {@code surprisal} end to end on the tiny Llama fixture (2 layers,
 * 160 neurons, vocabulary 1000) with a word-level tokenizer ({@link WordLevelModel}).
 */
class AblationCommandsTest {
    @TempDir
    static Path tmp;

    static Path model;

    @BeforeAll
    static void fixtureWithTokenizer() throws IOException {
        model = WordLevelModel.writeTo(tmp.resolve("llama-words"));
    }

    static String[] run(String... args) {
        return LogitsCommandTest.run(args);
    }

    @Test
    void ablateSelectSurprisalRunOnAFixture() throws IOException {
        Path effects = tmp.resolve("effects.csv"), selected = tmp.resolve("selected.csv"), surprisal = tmp.resolve("surprisal.csv");
        String[] a = run("ablate", "--model", model.toString(), "--contexts", "8", "--out", effects.toString());
        assertEquals("0", a[0], a[2]);
        assertTrue(a[1].contains("160 neurons"), a[1]);
        Table t = NeuronSelection.read(effects);
        assertEquals(160, t.rowCount());
        for (String c : List.of("delta_loss_total", "delta_loss_direct", "kl_total", "delta_loss_frozen_unigram",
                "kl_from_unigram_diff", "unigram_projection")) {
            assertTrue(t.columnNames().contains(c), "missing " + c);
            for (int i = 0; i < t.rowCount(); i++) assertTrue(Double.isFinite(t.numberColumn(c).getDouble(i)), c + " row " + i);
        }
        assertEquals(1, (int) t.numberColumn("layer").getDouble(0), "the default layer is the last");

        String[] s = run("select", "--effects", effects.toString(), "--effect", "boost", "--top-n", "3", "--out", selected.toString());
        assertEquals("0", s[0], s[2]);
        Table sel = NeuronSelection.read(selected);
        assertTrue(sel.rowCount() >= 1 && sel.rowCount() <= 3, "selected " + sel.rowCount());
        for (int i = 0; i < sel.rowCount(); i++) {
            assertTrue(sel.numberColumn("kl_from_unigram_diff").getDouble(i) > 0, "boost neurons raise KL from unigram");
        }

        String[] w = run("surprisal", "--model", model.toString(), "--neurons", selected.toString(), "--contexts", "6",
                "--out", surprisal.toString());
        assertEquals("0", w[0], w[2]);
        assertTrue(w[1].contains("longtail") && w[1].contains("common"), w[1]);
        Table per = NeuronSelection.read(surprisal);
        assertEquals(6, per.rowCount());
        for (int i = 0; i < per.rowCount(); i++) {
            assertTrue(per.numberColumn("surprisal").getDouble(i) > 0, "surprisal is positive");
            double d = per.numberColumn("surprisal_zero").getDouble(i) - per.numberColumn("surprisal").getDouble(i);
            assertEquals(d, per.numberColumn("delta_zero").getDouble(i), 1e-9);
        }
    }

    @Test
    void zeroModeAndChosenNeurons() {
        Path out = tmp.resolve("zero.csv");
        String[] a = run("ablate", "--model", model.toString(), "--contexts", "4", "--mode", "zero", "--neurons", "0,5,9",
                "--out", out.toString());
        assertEquals("0", a[0], a[2]);
        Table t = NeuronSelection.read(out);
        assertEquals(List.of(0, 5, 9), t.intColumn("neuron").asList());
        for (int i = 0; i < 3; i++) assertEquals(0.0, t.numberColumn("ablation_value").getDouble(i), 0.0);
    }

    @Test
    void aUnitOutOfRangeGivesOneClearLine() {
        String[] r = run("ablate", "--model", model.toString(), "--contexts", "2", "--neurons", "160", "--out",
                tmp.resolve("x.csv").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("Unit 160 is out of range") && r[2].contains("0..159"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }

    @Test
    void anUnknownLayerOrModeGivesOneClearLine() {
        String[] r = run("ablate", "--model", model.toString(), "--layer", "7", "--out", tmp.resolve("x.csv").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("Layer 7 does not exist") && r[2].contains("0..1"), r[2]);
        String[] m = run("ablate", "--model", model.toString(), "--mode", "half", "--out", tmp.resolve("x.csv").toString());
        assertEquals("2", m[0]);
        assertTrue(m[2].contains("Unknown ablation mode 'half'"), m[2]);
    }

    @Test
    void anUnknownHookGivesTheClosestNames() throws Exception {
        try (var lm = org.interp4j.model.LanguageModel.fromDirectory(model, "llama-words")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> org.interp4j.ablate.Ablation.zero(lm, "blocks.1.mlp.hook_psot", 3));
            assertTrue(e.getMessage().contains("Unknown hook point 'blocks.1.mlp.hook_psot'")
                    && e.getMessage().contains("blocks.1.mlp.hook_post"), e.getMessage());
        }
    }

    @Test
    void anEmptyWordSetOrSelectionGivesOneClearLine() throws IOException {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "layer,neuron\n");
        String[] r = run("surprisal", "--model", model.toString(), "--neurons", empty.toString(), "--out",
                tmp.resolve("y.csv").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("has no rows: there are no neurons to select or ablate"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        Path one = tmp.resolve("one.csv");
        Files.writeString(one, "layer,neuron\n1,3\n");
        String[] w = run("surprisal", "--model", model.toString(), "--neurons", one.toString(), "--contexts", "0",
                "--out", tmp.resolve("y.csv").toString());
        assertEquals("2", w[0]);
        assertTrue(w[2].contains("--contexts must be at least 1"), w[2]);
        assertEquals(1, w[2].strip().lines().count(), w[2]);
    }
}

package org.interp4j.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.interp4j.io.Npy;

/** The committed statsmodels goldens of {@code tests/fixtures/probe/} (made by make_probe_goldens.py). */
final class ProbeGoldens {
    static final Path DIR = Path.of(System.getProperty("interp4j.repo", ".."), "tests", "fixtures", "probe");

    final float[][] x;
    final int[] y;
    final JsonNode units;

    private ProbeGoldens() throws IOException {
        x = Npy.read(DIR.resolve("X.npy")).toFloatMatrix();
        long[] labels = Npy.read(DIR.resolve("y.npy")).toLongs();
        y = new int[labels.length];
        for (int i = 0; i < labels.length; i++) y[i] = (int) labels[i];
        units = new ObjectMapper().readTree(DIR.resolve("statsmodels_units.json").toFile()).get("units");
    }

    private static ProbeGoldens loaded;

    static synchronized ProbeGoldens load() throws IOException {
        if (loaded == null) loaded = new ProbeGoldens();
        return loaded;
    }

    static JsonNode normalTail() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("normal_tail.json").toFile()).get("two_sided");
    }
}

package org.interp4j.expertise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.interp4j.io.Npy;

/** The recorded scikit-learn / NumPy outputs in tests/fixtures/expertise. */
final class Goldens {

    static final Path DIR = Path.of(System.getProperty("interp4j.repo", ".."), "tests", "fixtures", "expertise");

    private Goldens() {}

    static Npy.Array array(String name) {
        try {
            return Npy.read(DIR.resolve(name + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] responses() {
        return array("X").toFloatMatrix();
    }

    static int[] labels(String name) {
        long[] y = array(name).toLongs();
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) out[i] = Math.toIntExact(y[i]);
        return out;
    }

    static double[] doubles(String name) {
        return array(name).toDoubles();
    }
}

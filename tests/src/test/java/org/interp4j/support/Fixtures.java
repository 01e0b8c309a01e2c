package org.interp4j.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's committed fixtures and reads their small JSON files. */
public final class Fixtures {
    private Fixtures() {}

    public static Path repo() {
        String prop = System.getProperty("interp4j.repo");
        Path p = prop != null ? Path.of(prop) : Path.of("..");
        return p.toAbsolutePath().normalize();
    }

    public static Path path(String relative) {
        Path p = repo().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException("Missing fixture " + p);
        return p;
    }

    public static JsonNode json(String relative) throws IOException {
        return new ObjectMapper().readTree(path(relative).toFile());
    }

    public static long[][] longMatrix(JsonNode node) {
        long[][] m = new long[node.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = node.get(i);
            m[i] = new long[row.size()];
            for (int j = 0; j < m[i].length; j++) m[i][j] = row.get(j).asLong();
        }
        return m;
    }
}

package org.interp4j.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the GGUF tests find their fixtures and the default model. */
public final class GgufTestFiles {
    private GgufTestFiles() {}

    public static Path repo() {
        return Path.of(System.getProperty("interp4j.repo", ".")).toAbsolutePath().normalize();
    }

    public static Path fixture(String relative) {
        return repo().resolve("tests/fixtures").resolve(relative);
    }

    /** The default model: $INTERP4J_HOME/models, else ~/.cache/interp4j/models. It must be present. */
    public static Path smolLm2() {
        String home = System.getenv("INTERP4J_HOME");
        Path base = home != null && !home.isBlank()
                ? Path.of(home) : Path.of(System.getProperty("user.home"), ".cache", "interp4j");
        Path model = base.resolve("models").resolve("SmolLM2-135M-Instruct.Q4_1.gguf");
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("The default model is missing at " + model
                    + "; fetch it with the environment setup before running the tests.");
        }
        return model;
    }
}

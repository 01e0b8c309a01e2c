package org.interp4j.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Runs the notebook of a {@link Rubric} class once, before its tests, and hands the result to
 * the test instances. A notebook that cannot be read still gives a result (its failure says why),
 * so every exercise test fails with that message instead of the class failing as a whole.
 */
public final class RubricExtension implements BeforeAllCallback, TestInstancePostProcessor {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RubricExtension.class);

    /** What a rubric class works with: the run and the expected values. */
    record Loaded(RunResult run, Expectations expectations, String expectationsProblem) implements AutoCloseable {
        @Override
        public void close() {
            run.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        context.getStore(NS).getOrComputeIfAbsent(type, t -> load(type, context), Loaded.class);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        if (testInstance instanceof NotebookRubric rubric) {
            Class<?> type = testInstance.getClass();
            rubric.attach(() -> {
                Loaded l = context.getStore(NS).get(type, Loaded.class);
                if (l == null) {
                    throw new IllegalStateException("the notebook of " + type.getSimpleName() + " has not been run");
                }
                return l;
            });
        }
    }

    private static Loaded load(Class<?> type, ExtensionContext context) {
        Rubric rubric = type.getAnnotation(Rubric.class);
        if (rubric == null) {
            throw new IllegalStateException(type.getName() + " needs @Rubric(notebook = \"...\")");
        }
        Path repo = Path.of(config(context, RubricConfig.REPO).orElse(".")).toAbsolutePath().normalize();
        Path notebook = config(context, RubricConfig.SUBMISSION).map(Path::of)
                .orElse(repo.resolve(rubric.solutions()).resolve(rubric.notebook()));
        int seconds = config(context, RubricConfig.CELL_TIMEOUT).map(Integer::parseInt).orElse(rubric.cellTimeoutSeconds());

        NotebookRunner runner = new NotebookRunner().cellTimeout(Duration.ofSeconds(seconds));
        config(context, RubricConfig.THREADS).ifPresent(n -> {
            if (!n.matches("[1-9][0-9]{0,2}")) {
                throw new IllegalArgumentException(RubricConfig.THREADS + " must be a thread count such as 1, not \"" + n + "\"");
            }
            runner.addVmOptions("-Dai.djl.pytorch.num_threads=" + n);
        });
        Expectations expectations = null;
        String problem = null;
        try {
            if (rubric.expected().isEmpty()) {
                expectations = ExpectationRegistry.forNotebook(rubric.notebook()).orElse(null);
                if (expectations == null) {
                    problem = "no expected values for " + rubric.notebook() + " under classpath:" + ExpectationRegistry.RESOURCE_DIR;
                }
            } else {
                Path dir = repo.resolve(rubric.expected());
                Path file = dir.resolve(ExpectationRegistry.stem(rubric.notebook()) + ".json");
                if (Files.exists(file)) {
                    expectations = ExpectationRegistry.readOnce(file);
                } else {
                    problem = "no expected values file " + file;
                }
                // Self-checks inside the notebook must find the same file.
                runner.addVmOptions("-D" + ExpectationRegistry.DIRS_PROPERTY + "=" + dir);
            }
        } catch (IOException | RuntimeException e) {
            problem = "cannot read the expected values: " + e.getMessage();
        }
        return new Loaded(runner.run(notebook), expectations, problem);
    }

    private static Optional<String> config(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key).filter(s -> !s.isBlank());
    }
}

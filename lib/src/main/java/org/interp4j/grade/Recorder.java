package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records expected values from a run of the solution notebook ({@code interp4j grade --record}),
 * so they are never typed by hand. The expected-values file must exist and name, for every
 * exercise, its {@code variable} and {@code kind} (and {@code tolerance}, {@code hint}); the recorder
 * fills in {@code expected}. Each recorded value is then checked with the same code the rubric uses.
 */
public final class Recorder {

    /** What happened to each exercise; {@link #ok()} when all were recorded. */
    public record Report(List<String> recorded, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private Recorder() {
    }

    /** Default place of a notebook's expected values in the source tree, relative to the repository root. */
    public static Path defaultFile(Path repo, String notebookFileName) {
        return repo.resolve("lib/src/main/resources").resolve(ExpectationRegistry.RESOURCE_DIR)
                .resolve(ExpectationRegistry.stem(notebookFileName) + ".json");
    }

    /** Runs {@code solution}, records the values into {@code expectedFile} (rewritten in place). */
    public static Report record(Path solution, Path expectedFile, NotebookRunner runner) throws IOException {
        if (!Files.exists(expectedFile)) {
            throw new IOException(expectedFile + " does not exist: write it first with, for each exercise, "
                    + "{\"variable\": ..., \"kind\": \"exact|abs|rel|shape|set|contains\"}");
        }
        Expectations exp = Expectations.read(expectedFile);
        List<String> recorded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // Self-checks in the solution read this same file while it runs.
        runner.addVmOptions("-D" + ExpectationRegistry.DIRS_PROPERTY + "=" + expectedFile.toAbsolutePath().getParent());
        try (RunResult run = runner.run(solution)) {
            if (run.failure().isPresent()) {
                throw new IOException(run.failure().get());
            }
            Set<String> tagged = new TreeSet<>();
            run.notebook().exerciseCells().forEach(c -> tagged.add(c.exerciseId().orElseThrow()));
            for (Expectation e : exp.exercises().values()) {
                tagged.remove(e.id());
                CellResult cell = run.exercise(e.id()).orElse(null);
                if (cell == null) {
                    problems.add(e.id() + ": no cell tagged exercise:" + e.id() + " in " + solution);
                    continue;
                }
                if (!cell.ok()) {
                    problems.add(e.id() + ": the solution cell failed: " + cell.message());
                    continue;
                }
                JsonNode value;
                try {
                    value = run.variable(e.variable()).json();
                } catch (IllegalStateException ex) {
                    problems.add(e.id() + ": " + ex.getMessage());
                    continue;
                }
                if (e.kind().isRecorded()) {
                    exp = exp.withExpected(e.id(), e.recordable(value));
                }
                Verdict v = exp.get(e.id()).check(value);
                if (v.passed()) {
                    recorded.add(e.id() + (e.kind().isRecorded() ? ": recorded " + Value.describe(exp.get(e.id()).expected())
                            : ": kept the authored expectation, which the solution meets"));
                } else {
                    problems.add(e.id() + ": the solution does not pass its own check: " + v.message());
                }
            }
            for (String id : tagged) {
                problems.add(id + ": tagged in the notebook but missing from " + expectedFile);
            }
        }
        exp.write(expectedFile);
        ExpectationRegistry.reload();
        return new Report(recorded, problems);
    }
}

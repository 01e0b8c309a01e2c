package org.interp4j.grade;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Writes, as one JSON file, the library's answers to every implement-it exercise's test inputs and,
 * optionally, the exercise variables of solution notebooks run in this JVM's settings. Run under
 * different thread counts ({@code -Dai.djl.pytorch.num_threads}) and OpenMP wait policies,
 * {@code tests/tolerances/measure.py} compares the files to show how far answers that depend on a
 * forward pass move, against the tolerance each exercise allows.
 *
 * <pre>{@code java -cp <classpath> org.interp4j.grade.ReferenceDump out.json [solution.ipynb ...]}</pre>
 */
public final class ReferenceDump {

    private ReferenceDump() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReferenceDump OUT.json [SOLUTION.ipynb ...]");
            System.exit(2);
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        root.put("ompWaitPolicy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"));
        ObjectNode functions = root.putObject("functions");
        ExerciseContext context = ExerciseContext.grader();
        for (FunctionExercise<?> ex : Trials.all()) {
            ObjectNode one = functions.putObject(ex.id());
            one.put("abs", ex.tolerance().abs());
            one.put("rel", ex.tolerance().rel());
            one.put("usesModel", ex.context().contains("model"));
            ArrayNode outs = one.putArray("outputs");
            for (FunctionExercise.Trial t : ex.trials(context)) {
                outs.add(DataExport.tree(ex.reference(t, context)));
            }
        }
        ObjectNode recorded = root.putObject("recorded");
        for (int i = 1; i < args.length; i++) {
            Path solution = Path.of(args[i]);
            Expectations exp = ExpectationRegistry.forNotebook(solution.getFileName().toString()).orElse(null);
            if (exp == null) {
                continue;
            }
            try (RunResult run = new NotebookRunner().cellTimeout(Duration.ofMinutes(10))
                    .addVmOptions(threadOptions()).run(solution)) {
                for (Expectation e : exp.exercises().values()) {
                    if (Trials.find(e.id()).isPresent() || !e.kind().isRecorded()) {
                        continue;
                    }
                    ObjectNode one = recorded.putObject(e.id());
                    one.put("kind", e.kind().label());
                    one.put("tolerance", e.tolerance());
                    try {
                        one.set("value", run.variable(e.variable()).json());
                    } catch (IllegalStateException ex) {
                        one.put("error", ex.getMessage());
                    }
                }
            }
        }
        Files.writeString(Path.of(args[0]), DataExport.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
        System.exit(0); // the default model's native threads would keep the JVM alive
    }

    private static String[] threadOptions() {
        String n = System.getProperty("ai.djl.pytorch.num_threads");
        return n == null ? new String[0] : new String[] {"-Dai.djl.pytorch.num_threads=" + n};
    }
}

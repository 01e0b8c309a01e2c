package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expected values of one notebook's exercises: the single source of truth that both the
 * student's self-check ({@link Check}) and the grading rubric compare against.
 *
 * <p>File format ({@code org/interp4j/grade/expected/<notebook name without .ipynb>.json}):
 * <pre>{@code
 * {
 *   "notebook": "00-getting-started.ipynb",
 *   "exercises": {
 *     "00.next-token": {"variable": "nextToken", "kind": "exact", "hint": "take the argmax", "expected": " Paris"},
 *     "00.top-prob":   {"variable": "topProb", "kind": "abs", "tolerance": 1e-4, "expected": 0.4213}
 *   }
 * }
 * }</pre>
 * Authors write everything but {@code expected}; {@code interp4j grade --record <solution>} runs the
 * solution notebook and fills {@code expected} in (see {@link Recorder}).
 *
 * <p>Not public: notebook code cannot ask for an expected value; only the self-check's comparison and
 * the grader read them. {@link ExpectationRegistry} finds the files.
 */
final class Expectations {

    private final String source;
    private final ObjectNode root;
    private final Map<String, Expectation> byId;

    private Expectations(String source, ObjectNode root) {
        this.source = source;
        this.root = root;
        this.byId = parseExercises(source, root);
    }

    /** Reads one expected-values file. */
    public static Expectations read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static Expectations parse(String json, String source) throws IOException {
        JsonNode node = Notebook.JSON.readTree(json);
        if (!(node instanceof ObjectNode) || !node.path("exercises").isObject()) {
            throw new IOException(source + " is not an expected-values file: it needs an \"exercises\" object");
        }
        return new Expectations(source, (ObjectNode) node);
    }

    public String source() {
        return source;
    }

    /** The {@code notebook} field, or null. */
    public String notebook() {
        return root.path("notebook").asText(null);
    }

    public Map<String, Expectation> exercises() {
        return Collections.unmodifiableMap(byId);
    }

    public Expectation get(String exerciseId) {
        Expectation e = byId.get(exerciseId);
        if (e == null) {
            throw new IllegalArgumentException(source + " defines no exercise \"" + exerciseId + "\"");
        }
        return e;
    }

    /** Returns a copy whose exercise has {@code expected} set to the given value. */
    public Expectations withExpected(String exerciseId, JsonNode expected) {
        ObjectNode copy = root.deepCopy();
        ((ObjectNode) copy.get("exercises").get(exerciseId)).set("expected", expected);
        return new Expectations(source, copy);
    }

    public String toJson() {
        try {
            return Notebook.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static Map<String, Expectation> parseExercises(String source, ObjectNode root) {
        Map<String, Expectation> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.get("exercises").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode e = f.getValue();
            String variable = e.path("variable").asText("");
            if (variable.isBlank()) {
                throw new IllegalArgumentException(source + ": exercise " + f.getKey() + " needs a \"variable\"");
            }
            Comparison kind;
            try {
                kind = Comparison.parse(e.path("kind").asText("exact"));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(source + ": exercise " + f.getKey() + ": " + ex.getMessage());
            }
            double tolerance = e.path("tolerance").asDouble(kind == Comparison.REL ? 1e-6 : 1e-9);
            map.put(f.getKey(), new Expectation(f.getKey(), variable, kind, e.get("expected"), tolerance,
                    e.path("hint").asText(null)));
        }
        return map;
    }
}

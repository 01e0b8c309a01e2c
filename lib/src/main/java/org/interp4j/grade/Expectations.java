package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

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
 * the grader read them.
 *
 * <p>Files are looked up first in the directories of system property {@value #DIRS_PROPERTY}
 * (separated like a class path), then on the class path under {@value #RESOURCE_DIR}.
 */
final class Expectations {

    public static final String DIRS_PROPERTY = "interp4j.expected";
    public static final String RESOURCE_DIR = "org/interp4j/grade/expected";

    private static volatile List<Expectations> all;
    private static final Map<Path, Expectations> FILES = new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * Reads a file once per JVM: later calls return what was read first, so a notebook that
     * rewrites the file while it runs cannot change how later submissions are graded.
     */
    public static Expectations readOnce(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Expectations e = FILES.get(key);
        if (e == null) {
            e = read(key);
            Expectations prev = FILES.putIfAbsent(key, e);
            if (prev != null) {
                e = prev;
            }
        }
        return e;
    }

    public static Expectations parse(String json, String source) throws IOException {
        JsonNode node = Notebook.JSON.readTree(json);
        if (!(node instanceof ObjectNode) || !node.path("exercises").isObject()) {
            throw new IOException(source + " is not an expected-values file: it needs an \"exercises\" object");
        }
        return new Expectations(source, (ObjectNode) node);
    }

    /** The expectation of an exercise, from whichever known file defines it. */
    public static Expectation find(String exerciseId) {
        for (Expectations e : all()) {
            Expectation x = e.byId.get(exerciseId);
            if (x != null) {
                return x;
            }
        }
        throw new IllegalArgumentException("no expected value is defined for exercise \"" + exerciseId
                + "\" (looked in " + searchPlaces() + ")");
    }

    /** Compares a value (JSON data from {@link DataExport}) with the exercise's expectation. */
    public static Verdict check(String exerciseId, JsonNode value) {
        return find(exerciseId).check(value);
    }

    /** The file for a notebook (by its {@code notebook} field or file name), if one is known. */
    public static java.util.Optional<Expectations> forNotebook(String notebookFileName) {
        String stem = stem(notebookFileName);
        for (Expectations e : all()) {
            if (notebookFileName.equals(e.notebook()) || stem.equals(stem(e.source))) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every expected-values file found (property directories, then the class path). */
    static List<Expectations> loaded() {
        return all();
    }

    /** Forgets loaded files, e.g. after {@link #DIRS_PROPERTY} changed or a file was re-recorded. */
    public static void reload() {
        all = null;
        FILES.clear();
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

    private static List<Expectations> all() {
        List<Expectations> loaded = all;
        if (loaded == null) {
            loaded = Collections.unmodifiableList(loadAll());
            all = loaded;
        }
        return loaded;
    }

    private static List<Expectations> loadAll() {
        List<Expectations> out = new ArrayList<>();
        for (Path dir : propertyDirs()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    out.add(read(f));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read expected values in " + dir + ": " + e.getMessage(), e);
            }
        }
        try {
            ClassLoader loader = Expectations.class.getClassLoader();
            Enumeration<URL> roots = loader.getResources(RESOURCE_DIR);
            while (roots.hasMoreElements()) {
                out.addAll(loadResources(roots.nextElement()));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + RESOURCE_DIR + " on the class path: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Expectations> loadResources(URL dir) throws IOException, URISyntaxException {
        List<Expectations> out = new ArrayList<>();
        if ("file".equals(dir.getProtocol())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir.toURI()), "*.json")) {
                for (Path f : files) {
                    out.add(read(f));
                }
            }
            return out;
        }
        URLConnection conn = dir.openConnection();
        if (conn instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    String name = e.getName();
                    if (name.startsWith(RESOURCE_DIR + "/") && name.endsWith(".json")
                            && name.indexOf('/', RESOURCE_DIR.length() + 1) < 0) {
                        try (InputStream in = file.getInputStream(e)) {
                            out.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<Path> propertyDirs() {
        String dirs = System.getProperty(DIRS_PROPERTY, "");
        List<Path> out = new ArrayList<>();
        for (String d : dirs.split(File.pathSeparator)) {
            if (!d.isBlank() && Files.isDirectory(Path.of(d))) {
                out.add(Path.of(d));
            }
        }
        return out;
    }

    private static String searchPlaces() {
        String dirs = System.getProperty(DIRS_PROPERTY, "");
        return (dirs.isBlank() ? "" : dirs + " and ") + "classpath:" + RESOURCE_DIR;
    }

    static String stem(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.endsWith(".ipynb")) {
            base = base.substring(0, base.length() - 6);
        } else if (base.endsWith(".json")) {
            base = base.substring(0, base.length() - 5);
        }
        return base;
    }
}

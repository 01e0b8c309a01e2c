package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Every expected-values file the grader and the self-checks can see, and the lookups over them:
 * the directories of system property {@value #DIRS_PROPERTY} (separated like a class path) first,
 * then the class path under {@value #RESOURCE_DIR}. Loaded once per JVM; {@link #reload()} forgets.
 */
final class ExpectationRegistry {
    private ExpectationRegistry() {}

    public static final String DIRS_PROPERTY = "interp4j.expected";
    public static final String RESOURCE_DIR = "org/interp4j/grade/expected";

    private static volatile List<Expectations> all;
    private static final Map<Path, Expectations> FILES = new ConcurrentHashMap<>();

    /**
     * Reads a file once per JVM: later calls return what was read first, so a notebook that
     * rewrites the file while it runs cannot change how later submissions are graded.
     */
    public static Expectations readOnce(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Expectations e = FILES.get(key);
        if (e == null) {
            e = Expectations.read(key);
            Expectations prev = FILES.putIfAbsent(key, e);
            if (prev != null) {
                e = prev;
            }
        }
        return e;
    }

    /** The expectation of an exercise, from whichever known file defines it. */
    public static Expectation find(String exerciseId) {
        for (Expectations e : all()) {
            Expectation x = e.exercises().get(exerciseId);
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
    public static Optional<Expectations> forNotebook(String notebookFileName) {
        String stem = stem(notebookFileName);
        for (Expectations e : all()) {
            if (notebookFileName.equals(e.notebook()) || stem.equals(stem(e.source()))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
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
                    out.add(Expectations.read(f));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read expected values in " + dir + ": " + e.getMessage(), e);
            }
        }
        try {
            ClassLoader loader = ExpectationRegistry.class.getClassLoader();
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
                    out.add(Expectations.read(f));
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
                            out.add(Expectations.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
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

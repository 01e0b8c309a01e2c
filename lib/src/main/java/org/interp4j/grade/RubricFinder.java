package org.interp4j.grade;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds {@link Rubric} classes in compiled class folders or jars (for the course: the test classes
 * of the {@code tests} module, {@code tests/target/test-classes}). Only class files that mention the
 * annotation are loaded.
 */
public final class RubricFinder {

    private static final byte[] MARK = ("L" + Rubric.class.getName().replace('.', '/') + ";")
            .getBytes(StandardCharsets.UTF_8);

    private RubricFinder() {
    }

    /** Loads every {@code @Rubric} class under the given folders/jars. */
    public static List<Class<?>> find(List<Path> roots) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new IOException("rubric location " + root + " does not exist");
            }
            urls.add(toUrl(root));
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), RubricFinder.class.getClassLoader());
        List<Class<?>> found = new ArrayList<>();
        for (Path root : roots) {
            for (String className : candidates(root)) {
                try {
                    Class<?> c = Class.forName(className, false, loader);
                    if (c.isAnnotationPresent(Rubric.class) && !Modifier.isAbstract(c.getModifiers())) {
                        found.add(c);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class that cannot load is not a usable rubric; others still are.
                }
            }
        }
        return found;
    }

    private static List<String> candidates(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    if (mentionsRubric(Files.readAllBytes(f))) {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        names.add(rel.substring(0, rel.length() - 6).replace('/', '.'));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            if (mentionsRubric(in.readAllBytes())) {
                                String n = e.getName();
                                names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    private static boolean mentionsRubric(byte[] bytes) {
        outer:
        for (int i = 0; i <= bytes.length - MARK.length; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (bytes[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static URL toUrl(Path p) throws MalformedURLException {
        return p.toAbsolutePath().toUri().toURL();
    }
}

package org.interp4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's data files derived from the Brown corpus (built by {@code datasets/build.py},
 * described in {@code datasets/SOURCES.md}).
 *
 * <p>The datasets directory is, in order: the system property {@value #PROPERTY}, the
 * environment variable {@value #ENV}, else {@code ./datasets} or {@code ../datasets} relative to
 * the working directory (so notebooks in {@code notebooks/} and tests in {@code tests/} find it).
 */
public final class BrownCorpus {
    public static final String PROPERTY = "interp4j.datasets";
    public static final String ENV = "INTERP4J_DATASETS";
    /** The line that starts each passage of the decomposition articles file. */
    public static final String ARTICLE_MARK = "!ARTICLE";

    private final Path dir;

    private BrownCorpus(Path dir) {
        this.dir = dir;
    }

    /** The datasets found by the usual search (property, environment, ./datasets, ../datasets). */
    public static BrownCorpus open() {
        return new BrownCorpus(datasetsDir());
    }

    /** The datasets in a given directory. */
    public static BrownCorpus at(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("datasets directory " + dir.toAbsolutePath()
                    + " does not exist; point -D" + PROPERTY + " or " + ENV + " at the kit's datasets/ folder");
        }
        return new BrownCorpus(dir);
    }

    /** Where the datasets are, following the documented search order. */
    public static Path datasetsDir() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) return at(Path.of(prop)).dir;
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return at(Path.of(env)).dir;
        for (String candidate : List.of("datasets", "../datasets")) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p.resolve("SOURCES.md"))) return p;
        }
        throw new IllegalStateException("cannot find the datasets folder: none of ./datasets, ../datasets exists under "
                + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY + "=/path/to/datasets or " + ENV);
    }

    public Path dir() { return dir; }

    /** A file inside the datasets directory, which must exist. */
    public Path file(String relative) {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing dataset file " + p.toAbsolutePath()
                    + "; rebuild the datasets with datasets/build.sh");
        }
        return p;
    }

    /**
     * Lecture 01: the Brown corpus's editorial texts as one running text, every paragraph in corpus
     * order, paragraphs separated by line breaks (as the original reads one whole book).
     */
    public String negationText() {
        return String.join("\n", nonEmpty(readLines(file("negation/running.txt"))));
    }

    /** Lecture 05: the passages of {@code decompose/articles.txt}, each a list of its sentences. */
    public List<List<String>> articles() {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String line : readLines(file("decompose/articles.txt"))) {
            if (line.strip().equals(ARTICLE_MARK)) {
                current = new ArrayList<>();
                out.add(current);
            } else if (!line.isBlank()) {
                if (current == null) {
                    throw new IllegalStateException("decompose/articles.txt must start with a line " + ARTICLE_MARK);
                }
                current.add(line.strip());
            }
        }
        out.replaceAll(List::copyOf);
        return List.copyOf(out);
    }

    /** Lecture 04: lower-cased word counts over the whole corpus, most frequent first. */
    public Map<String, Long> unigramCounts() {
        List<String> lines = readLines(file("longtail/unigram.tsv"));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) { // line 0 is the header
            String line = lines.get(i);
            if (line.isEmpty()) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) throw new IllegalStateException("longtail/unigram.tsv line " + (i + 1) + " has no tab");
            counts.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
        }
        return Collections.unmodifiableMap(counts);
    }

    /** One context for a long-tail or common word: the sentence text before an occurrence of it. */
    public record Context(String context, String word, String wordClass, long count, String id) {
        /** The context followed by the word, as the sentence continues. */
        public String withWord() { return context + " " + word; }

        public boolean isLongtail() { return "longtail".equals(wordClass); }
    }

    /** Lecture 04: contexts for long-tail words, then for common words. */
    public List<Context> longtailContexts() {
        ObjectMapper json = new ObjectMapper();
        List<Context> out = new ArrayList<>();
        for (String line : nonEmpty(readLines(file("longtail/contexts.jsonl")))) {
            try {
                JsonNode n = json.readTree(line);
                out.add(new Context(n.get("context").asText(), n.get("word").asText(), n.get("class").asText(),
                        n.get("count").asLong(), n.get("id").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException("bad line in longtail/contexts.jsonl: " + line, e);
            }
        }
        return List.copyOf(out);
    }

    /** The counts the build recorded in {@code summary.json}. */
    public JsonNode summary() {
        try {
            return new ObjectMapper().readTree(file("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read summary.json in " + dir, e);
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> nonEmpty(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) if (!l.isBlank()) out.add(l);
        return List.copyOf(out);
    }
}

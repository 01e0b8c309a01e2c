package org.interp4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A concept for finding expert units (lectures 02 and 03): Brown sentences that mention it
 * (positives) and as many sentences of the same texts that do not (negatives), plus the concept's
 * word list for measuring how often generated text mentions it.
 *
 * <p>A concept is a WordNet noun synset with its hyponyms; see {@code datasets/SOURCES.md}.
 */
public record ConceptSet(String name, String synset, String senseKey, String gloss,
                         List<Example> positives, List<Example> negatives, WordList words) {

    /** One sentence; {@code words} are the concept words found in a positive (empty for a negative). */
    public record Example(String id, String text, boolean positive, List<String> words) {}

    /** Names of the concepts in the datasets, in the order the build lists them. */
    public static List<String> available() {
        return available(BrownCorpus.open());
    }

    public static List<String> available(BrownCorpus data) {
        List<String> names = new ArrayList<>();
        readJson(data, "concepts/concepts.json").forEach(n -> names.add(n.get("concept").asText()));
        return List.copyOf(names);
    }

    /** Loads a concept from the datasets found by the usual search. */
    public static ConceptSet load(String name) {
        return load(BrownCorpus.open(), name);
    }

    public static ConceptSet load(BrownCorpus data, String name) {
        JsonNode meta = null;
        for (JsonNode n : readJson(data, "concepts/concepts.json")) {
            if (n.get("concept").asText().equals(name)) meta = n;
        }
        if (meta == null) {
            throw new IllegalArgumentException("no concept '" + name + "'; available: " + available(data));
        }
        ObjectMapper json = new ObjectMapper();
        List<Example> pos = new ArrayList<>();
        List<Example> neg = new ArrayList<>();
        for (String line : BrownCorpus.readLines(data.file("concepts/" + name + ".jsonl"))) {
            if (line.isBlank()) continue;
            try {
                JsonNode n = json.readTree(line);
                List<String> found = new ArrayList<>();
                n.get("words").forEach(w -> found.add(w.asText()));
                boolean positive = n.get("label").asInt() == 1;
                Example e = new Example(n.get("id").asText(), n.get("text").asText(), positive, List.copyOf(found));
                (positive ? pos : neg).add(e);
            } catch (IOException e) {
                throw new UncheckedIOException("bad line in concepts/" + name + ".jsonl: " + line, e);
            }
        }
        WordList words = WordList.read(data.file("concepts/" + name + ".words.txt"));
        return new ConceptSet(name, meta.get("synset").asText(), meta.get("sense_key").asText(),
                meta.get("gloss").asText(), List.copyOf(pos), List.copyOf(neg), words);
    }

    /** Positives then negatives. */
    public List<Example> examples() {
        List<Example> all = new ArrayList<>(positives);
        all.addAll(negatives);
        return List.copyOf(all);
    }

    /** The sentences of {@link #examples()}. */
    public List<String> texts() {
        return examples().stream().map(Example::text).toList();
    }

    /** 1 for each positive, 0 for each negative, aligned with {@link #texts()}. */
    public int[] labels() {
        return examples().stream().mapToInt(e -> e.positive() ? 1 : 0).toArray();
    }

    /** True if the text mentions a word of the concept (whole word, case-insensitive). */
    public boolean mentionedIn(String text) {
        return words.presentIn(text);
    }

    /** Share of texts that mention the concept: the concept presence of generated samples. */
    public double presence(List<String> texts) {
        if (texts.isEmpty()) return 0.0;
        return texts.stream().filter(this::mentionedIn).count() / (double) texts.size();
    }

    private static JsonNode readJson(BrownCorpus data, String relative) {
        try {
            return new ObjectMapper().readTree(data.file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " in " + data.dir(), e);
        }
    }

    @Override
    public String toString() {
        return "ConceptSet[" + name + " (" + synset + "), " + positives.size() + " positives, "
                + negatives.size() + " negatives, " + words.size() + " words]";
    }
}

package org.interp4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named list of lower-case words and multi-word phrases, with whole-word, case-insensitive
 * matching in text: "not" matches in "I did not go" but not in "noted", and the phrase
 * "ice cream" matches "Ice cream" but not "ice-cream".
 *
 * <p>Words of a text are runs of letters and digits, joined by inner apostrophes or hyphens
 * ({@code don't}, {@code olive-green}), the same units the Brown corpus tokens were matched on
 * when the datasets were built. A phrase matches only across spaces, never across punctuation.
 */
public final class WordList {
    private static final String WORD_RE = "[\\p{L}\\p{N}]+(?:['-][\\p{L}\\p{N}]+)*";
    private static final Pattern WORD = Pattern.compile(WORD_RE);
    // Words and, between them, punctuation marks: a phrase never matches across punctuation.
    private static final Pattern TOKEN = Pattern.compile(WORD_RE + "|[^\\s\\p{L}\\p{N}]");

    private final String name;
    private final List<String> words;
    private final Set<String> singles = new HashSet<>();
    private final Map<String, List<String[]>> phrasesByFirst = new HashMap<>();

    private WordList(String name, Collection<String> words) {
        this.name = name;
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String w : words) {
            String norm = String.join(" ", words(w));
            if (!norm.isEmpty()) unique.add(norm);
        }
        this.words = List.copyOf(unique);
        for (String w : this.words) {
            String[] parts = w.split(" ");
            if (parts.length == 1) singles.add(w);
            else phrasesByFirst.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts);
        }
    }

    /** A list from words given in code; each is lower-cased and normalised to single spaces. */
    public static WordList of(String name, Collection<String> words) {
        return new WordList(name, words);
    }

    /** Reads one word or phrase per line; blank lines and lines starting with '#' are skipped. */
    public static WordList read(Path file) {
        List<String> lines = BrownCorpus.readLines(file);
        List<String> words = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) words.add(t);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("(\\.words)?\\.txt$", "");
        return new WordList(name, words);
    }

    /** The negation lecture's exact-match negation words: not, cannot, nor, never. */
    public static WordList negations() { return fromNegationJson("negation_words"); }

    /** The negation lecture's affirmation words: agree, always, allow, can, ... should. */
    public static WordList affirmations() { return fromNegationJson("affirmation_words"); }

    /** Marks that make a token a negation when it contains them (the contraction "'t"). */
    public static List<String> contractionMarks() {
        List<String> out = new ArrayList<>();
        negationJson().get("contraction_marks").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Words seen 2 to 5 times in the Brown corpus (see datasets/SOURCES.md). */
    public static WordList longtail() { return read(BrownCorpus.open().file("longtail/longtail_words.txt")); }

    /** Words seen at least 100 times in the Brown corpus, most frequent first. */
    public static WordList common() { return read(BrownCorpus.open().file("longtail/common_words.txt")); }

    public String name() { return name; }

    public List<String> words() { return words; }

    public int size() { return words.size(); }

    /** True if the word or phrase, normalised like the list, is in the list. */
    public boolean contains(String wordOrPhrase) {
        return words.contains(String.join(" ", words(wordOrPhrase)));
    }

    /** Every occurrence of a listed word or phrase in the text, in order of appearance. */
    public List<String> findIn(String text) {
        List<String> tokens = tokens(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (singles.contains(t)) found.add(t);
            for (String[] phrase : phrasesByFirst.getOrDefault(t, List.of())) {
                if (startsAt(tokens, i, phrase)) found.add(String.join(" ", phrase));
            }
        }
        return found;
    }

    /** Number of occurrences of listed words and phrases in the text. */
    public int countIn(String text) { return findIn(text).size(); }

    /** True if the text mentions any listed word or phrase. */
    public boolean presentIn(String text) { return !findIn(text).isEmpty(); }

    /** The lower-cased words of a text, as this class matches them. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.replace('\u2019', '\''));
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return Collections.unmodifiableList(out);
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.replace('\u2019', '\''));
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    private static boolean startsAt(List<String> tokens, int i, String[] phrase) {
        if (i + phrase.length > tokens.size()) return false;
        for (int k = 0; k < phrase.length; k++) {
            if (!tokens.get(i + k).equals(phrase[k])) return false;
        }
        return true;
    }

    private static WordList fromNegationJson(String key) {
        List<String> out = new ArrayList<>();
        negationJson().get(key).forEach(n -> out.add(n.asText()));
        return new WordList(key.replace("_words", ""), out);
    }

    private static JsonNode negationJson() {
        Path file = BrownCorpus.open().file("negation/words.json");
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { return "WordList[" + name + ", " + words.size() + " words]"; }
}

package org.interp4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BrownCorpusTest {
    private final BrownCorpus data = BrownCorpus.open();
    private final JsonNode summary = data.summary();

    @Test
    void findsTheDatasetsFolder() {
        assertTrue(data.dir().resolve("SOURCES.md").toFile().isFile(), data.dir().toString());
    }

    @Test
    void systemPropertyOverridesTheSearch(@TempDir Path empty) {
        String before = System.getProperty(BrownCorpus.PROPERTY);
        try {
            System.setProperty(BrownCorpus.PROPERTY, empty.toString());
            BrownCorpus other = BrownCorpus.open();
            assertEquals(empty, other.dir());
            IllegalStateException e = assertThrows(IllegalStateException.class, other::negationText);
            assertTrue(e.getMessage().contains("build.sh"), e.getMessage());
            System.setProperty(BrownCorpus.PROPERTY, empty.resolve("nope").toString());
            assertThrows(IllegalArgumentException.class, BrownCorpus::open);
        } finally {
            if (before == null) System.clearProperty(BrownCorpus.PROPERTY);
            else System.setProperty(BrownCorpus.PROPERTY, before);
        }
    }

    @Test
    void negationTextIsTheEditorialsRunningText() {
        String text = data.negationText();
        String[] paragraphs = text.split("\n");
        assertEquals(summary.at("/negation/paragraphs").asInt(), paragraphs.length);
        WordList neg = WordList.negations();
        WordList aff = WordList.affirmations();
        int words = 0, negations = 0, affirmations = 0;
        for (String p : paragraphs) {
            assertTrue(!p.isBlank() && p.equals(p.strip()), "paragraph with blank edges: [" + p + "]");
            for (String w : WordList.words(p)) {
                words++;
                if (neg.contains(w) || w.contains("'t")) negations++;
                if (aff.contains(w)) affirmations++;
            }
        }
        // Running text, not a selection: most of it holds neither class, and both classes are frequent.
        int recorded = summary.at("/negation/words").asInt();
        assertTrue(Math.abs(words - recorded) < recorded / 50, words + " words, summary " + recorded);
        assertTrue(negations >= summary.at("/negation/negation_words").asInt(), "negations " + negations);
        assertTrue(affirmations >= summary.at("/negation/affirmation_words").asInt(), "affirmations " + affirmations);
        assertTrue(negations + affirmations < words / 20, (negations + affirmations) + " of " + words);
        assertTrue(text.startsWith("Assembly session brought much good"), text.substring(0, 60));
    }

    @Test
    void articlesAreShortPassages() {
        List<List<String>> articles = data.articles();
        assertEquals(summary.at("/decompose/articles").size(), articles.size());
        for (List<String> a : articles) {
            assertTrue(a.size() >= 3, "passage with " + a.size() + " sentences");
            int words = a.stream().mapToInt(s -> WordList.words(s).size()).sum();
            assertTrue(words <= 100, "passage of " + words + " words");
            assertFalse(a.contains(BrownCorpus.ARTICLE_MARK));
        }
    }

    @Test
    void unigramCountsAreSortedAndComplete() {
        Map<String, Long> counts = data.unigramCounts();
        assertEquals(summary.at("/longtail/types").asInt(), counts.size());
        assertEquals(summary.at("/longtail/tokens").asLong(), counts.values().stream().mapToLong(Long::longValue).sum());
        assertEquals("the", counts.keySet().iterator().next());
        long previous = Long.MAX_VALUE;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            assertTrue(e.getValue() <= previous && e.getValue() > 0, e.toString());
            assertEquals(e.getKey().toLowerCase(), e.getKey());
            previous = e.getValue();
        }
    }

    @Test
    void contextsPrecedeTheirWordAndMatchTheLists() {
        List<BrownCorpus.Context> contexts = data.longtailContexts();
        Map<String, Long> counts = data.unigramCounts();
        Set<String> longtail = new HashSet<>(WordList.longtail().words());
        Set<String> common = new HashSet<>(WordList.common().words());
        assertEquals(summary.at("/longtail/contexts").asInt(), contexts.size());
        long nLongtail = contexts.stream().filter(BrownCorpus.Context::isLongtail).count();
        assertEquals(contexts.size() / 2, nLongtail, "classes should be balanced");
        Set<String> seen = new HashSet<>();
        for (BrownCorpus.Context c : contexts) {
            assertTrue(seen.add(c.wordClass() + ":" + c.word()), "word repeated: " + c.word());
            assertTrue((c.isLongtail() ? longtail : common).contains(c.word()), c.toString());
            assertEquals(counts.get(c.word()), c.count(), c.word());
            assertTrue(WordList.words(c.context()).size() >= 8, c.context());
            assertFalse(c.context().endsWith(" "), c.context());
            assertTrue(c.withWord().endsWith(" " + c.word()));
        }
    }
}

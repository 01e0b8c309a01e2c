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
            IllegalStateException e = assertThrows(IllegalStateException.class, other::negationSentences);
            assertTrue(e.getMessage().contains("build.sh"), e.getMessage());
            System.setProperty(BrownCorpus.PROPERTY, empty.resolve("nope").toString());
            assertThrows(IllegalArgumentException.class, BrownCorpus::open);
        } finally {
            if (before == null) System.clearProperty(BrownCorpus.PROPERTY);
            else System.setProperty(BrownCorpus.PROPERTY, before);
        }
    }

    @Test
    void negationSentencesHoldTargetsOfBothClasses() {
        List<String> sentences = data.negationSentences();
        assertEquals(summary.at("/negation/sentences").asInt(), sentences.size());
        WordList neg = WordList.negations();
        WordList aff = WordList.affirmations();
        int negations = 0, affirmations = 0;
        for (String s : sentences) {
            List<String> words = WordList.words(s);
            assertTrue(words.size() >= 6 && words.size() <= 45, "length " + words.size() + ": " + s);
            int n = 0, a = 0;
            for (String w : words) {
                if (neg.contains(w) || w.contains("'t")) n++;
                if (aff.contains(w)) a++;
            }
            assertTrue(n + a > 0, "no negation or affirmation word in: " + s);
            negations += n;
            affirmations += a;
        }
        // Word counts include targets at the end of a clause, which the lecture's rule skips.
        assertTrue(negations >= 300 && negations < 450, "negations " + negations);
        assertTrue(affirmations >= 300 && affirmations < 450, "affirmations " + affirmations);
        assertTrue(data.negationText().length() > 40_000, "running text too short");
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

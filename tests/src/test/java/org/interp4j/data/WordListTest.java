package org.interp4j.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class WordListTest {

    @Test
    void matchesWholeWordsOnly() {
        WordList w = WordList.of("neg", List.of("not", "nor"));
        assertEquals(List.of("not"), w.findIn("It was noted that he did NOT go to the north."));
        assertFalse(w.presentIn("connotative enormous notes"));
        assertEquals(2, w.countIn("Neither this nor that, not now."));
    }

    @Test
    void matchesPhrasesAndHyphenatedWords() {
        WordList w = WordList.of("colour", List.of("Bottle  Green", "olive-green", "red"));
        assertEquals(List.of("bottle green", "olive-green", "red"), w.words());
        assertEquals(List.of("bottle green", "olive-green"), w.findIn("A bottle green coat, an olive-green hat."));
        assertFalse(w.presentIn("bottle, green"), "a phrase must be consecutive words");
        assertFalse(w.presentIn("olive green"), "a hyphenated word is one word");
        assertTrue(w.contains("RED"));
    }

    @Test
    void contractionsStayOneWord() {
        assertEquals(List.of("i", "didn't", "go", "it's", "x-ray"), WordList.words("I didn\u2019t go; it's X-ray."));
    }

    @Test
    void negationListsAreTheLecturesDefaults() {
        assertEquals(List.of("not", "cannot", "nor", "never"), WordList.negations().words());
        assertEquals(List.of("agree", "always", "allow", "can", "certainly", "could", "definitely", "may",
                "might", "shall", "should"), WordList.affirmations().words());
        assertEquals(List.of("'t"), WordList.contractionMarks());
    }

    @Test
    void longtailAndCommonWordsFollowTheirFrequencyThresholds() {
        Map<String, Long> counts = BrownCorpus.open().unigramCounts();
        WordList longtail = WordList.longtail();
        WordList common = WordList.common();
        assertTrue(longtail.size() > 5000, "long-tail list too small: " + longtail.size());
        assertTrue(common.size() > 500, "common list too small: " + common.size());
        for (String w : longtail.words()) {
            long c = counts.getOrDefault(w, 0L);
            assertTrue(c >= 2 && c <= 5, w + " has count " + c);
        }
        long previous = Long.MAX_VALUE;
        for (String w : common.words()) {
            long c = counts.getOrDefault(w, 0L);
            assertTrue(c >= 100 && c <= previous, w + " has count " + c + " after " + previous);
            previous = c;
        }
        Set<String> overlap = new HashSet<>(longtail.words());
        overlap.retainAll(common.words());
        assertTrue(overlap.isEmpty(), "in both lists: " + overlap);
    }
}

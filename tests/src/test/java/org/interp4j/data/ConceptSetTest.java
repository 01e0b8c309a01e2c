package org.interp4j.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ConceptSetTest {

    @Test
    void listsTheBuiltConcepts() {
        List<String> names = ConceptSet.available();
        assertTrue(names.size() >= 4, names.toString());
        assertTrue(names.containsAll(List.of("sport", "food", "colour", "plant")), names.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConceptSet.load("nope"));
        assertTrue(e.getMessage().contains("sport"), e.getMessage());
    }

    @Test
    void everyConceptIsBalancedAndCorrectlyLabelled() {
        for (String name : ConceptSet.available()) {
            ConceptSet c = ConceptSet.load(name);
            int n = c.positives().size();
            assertEquals(n, c.negatives().size(), name + " is not balanced");
            assertTrue(n >= 100 && n <= 300, name + " has " + n + " positives");
            assertTrue(c.synset().matches("[a-z_]+\\.n\\.\\d\\d"), c.synset());
            assertTrue(c.senseKey().startsWith(c.synset().substring(0, c.synset().indexOf('.')) + "%1:"), c.senseKey());

            Set<String> ids = new HashSet<>();
            for (ConceptSet.Example e : c.examples()) {
                assertTrue(ids.add(e.id()), name + ": sentence used twice " + e.id());
                // The build counts 8-40 words without numbers and abbreviations; these count them too.
                int len = WordList.words(e.text()).size();
                assertTrue(len >= 8 && len <= 60, name + ": length " + len + " of " + e.text());
                List<String> found = c.words().findIn(e.text());
                if (e.positive()) {
                    assertFalse(e.words().isEmpty(), name + ": positive without words " + e.id());
                    assertTrue(found.containsAll(e.words()), name + ": " + e.words() + " not all in " + e.text());
                } else {
                    assertTrue(found.isEmpty(), name + ": negative mentions " + found + ": " + e.text());
                    assertTrue(e.words().isEmpty());
                }
            }
            int[] labels = c.labels();
            assertEquals(2 * n, labels.length);
            assertEquals(n, java.util.Arrays.stream(labels).sum());
            assertEquals(c.texts().size(), labels.length);
            assertEquals(1.0, c.presence(c.positives().stream().map(ConceptSet.Example::text).toList()));
            assertEquals(0.0, c.presence(c.negatives().stream().map(ConceptSet.Example::text).toList()));
        }
    }

    @Test
    void plantIsTheFloraSense() {
        ConceptSet plant = ConceptSet.load("plant");
        assertEquals("plant.n.02", plant.synset());
        assertTrue(plant.mentionedIn("Tall trees lined the road."));
        assertFalse(plant.mentionedIn("The steel plant closed."), "the factory sense must not count");
    }
}

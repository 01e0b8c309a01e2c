package org.interp4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The held-out-word control: word identity alone scores chance on unseen words; a class signal carries over. */
class HeldOutWordsTest {

    private static final int WORDS_PER_CLASS = 6;
    private static final int SAMPLES_PER_WORD = 40;
    private static final int NOISE_UNITS = 20;

    /** Sample i: class i % 2, word "c<class>w<k>" with unequal frequencies (word 0 most common). */
    private static String[] words(int[] labels, Random r) {
        String[] w = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int k = Math.min(WORDS_PER_CLASS - 1, (int) Math.floor(Math.abs(r.nextGaussian()) * 2.5));
            w[i] = "c" + labels[i] + "w" + k;
        }
        return w;
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 2;
        return y;
    }

    /**
     * One unit per word (1 for that word's samples, 0 otherwise: the word's identity and nothing else),
     * noise units, and optionally one unit shifted for class 1 whatever the word (the shared signal).
     */
    private static float[][] activations(String[] words, int[] y, boolean sharedSignal, Random r) {
        int wordUnits = 2 * WORDS_PER_CLASS;
        float[][] x = new float[y.length][wordUnits + NOISE_UNITS + 1];
        for (int i = 0; i < y.length; i++) {
            int cls = words[i].charAt(1) - '0', k = words[i].charAt(3) - '0';
            x[i][cls * WORDS_PER_CLASS + k] = 3f + (float) (0.3 * r.nextGaussian());
            for (int u = 0; u < NOISE_UNITS; u++) x[i][wordUnits + u] = (float) r.nextGaussian();
            x[i][wordUnits + NOISE_UNITS] = (float) r.nextGaussian() + (sharedSignal && y[i] == 1 ? 2f : 0f);
        }
        return x;
    }

    @Test
    void wordIdentityAloneScoresChanceOnHeldOutWords() {
        Random r = new Random(42);
        int[] y = labels(WORDS_PER_CLASS * SAMPLES_PER_WORD * 2);
        String[] w = words(y, r);
        float[][] x = activations(w, y, false, r);
        // Within the same words, cross-validation finds the classes easily: the word units give them away.
        double withinWords = LayerProbe.crossValidate(x, y).accuracy();
        assertTrue(withinWords > 95, "within-word accuracy " + withinWords);
        HeldOutWords split = HeldOutWords.split(w, y);
        HeldOutWords.Result held = split.probe(x, y, LayerProbe.Options.defaults());
        assertEquals(50, held.mean(), 6, "held-out-word balanced accuracy " + held);
        assertEquals(50, held.trainedOnPart0(), 9, held.toString());
        assertEquals(50, held.trainedOnPart1(), 9, held.toString());
        int both = 0;
        for (boolean b : split.tunedInBoth(x, y)) if (b) both++;
        assertEquals(0, both, "no unit is tuned on both word sets");
    }

    @Test
    void aSignalSharedByAllWordsCarriesOver() {
        Random r = new Random(43);
        int[] y = labels(WORDS_PER_CLASS * SAMPLES_PER_WORD * 2);
        String[] w = words(y, r);
        float[][] x = activations(w, y, true, r);
        HeldOutWords split = HeldOutWords.split(w, y);
        HeldOutWords.Result held = split.probe(x, y, LayerProbe.Options.defaults());
        assertTrue(held.mean() > 80, "held-out-word balanced accuracy " + held);
        assertTrue(split.tunedInBoth(x, y)[2 * WORDS_PER_CLASS + NOISE_UNITS], "the shared unit is tuned on both word sets");
    }

    @Test
    void partsShareNoWordAndEachHoldsBothClasses() {
        Random r = new Random(44);
        int[] y = labels(480);
        String[] w = words(y, r);
        HeldOutWords split = HeldOutWords.split(w, y);
        for (int label = 0; label <= 1; label++) {
            Map<String, Integer> a = split.words(0, label), b = split.words(1, label);
            assertTrue(!a.isEmpty() && !b.isEmpty(), "both parts hold class " + label + ": " + split);
            Set<String> common = new HashSet<>(a.keySet());
            common.retainAll(b.keySet());
            assertTrue(common.isEmpty(), "shared words " + common);
            int total = 0, inA = 0;
            for (int i = 0; i < y.length; i++) if (y[i] == label) { total++; if (split.part()[i] == 0) inA++; }
            assertEquals(total, a.values().stream().mapToInt(Integer::intValue).sum() + b.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(inA, a.values().stream().mapToInt(Integer::intValue).sum());
        }
        assertEquals(split.rows(0).size() + split.rows(1).size(), y.length);
        // Words listed most frequent first, ties alphabetical, the same on every run.
        for (int part = 0; part <= 1; part++) for (int label = 0; label <= 1; label++) {
            var counts = new java.util.ArrayList<>(split.words(part, label).entrySet());
            for (int i = 1; i < counts.size(); i++) {
                var a = counts.get(i - 1);
                var b = counts.get(i);
                assertTrue(a.getValue() > b.getValue() || (a.getValue().equals(b.getValue()) && a.getKey().compareTo(b.getKey()) < 0),
                        counts.toString());
            }
        }
    }

    @Test
    void balancedAccuracyIsChanceForAConstantGuess() {
        assertEquals(50.0, HeldOutWords.balancedAccuracy(new int[] {1, 1, 1, 1, 1}, new int[] {1, 0, 0, 0, 0}), 1e-12);
        assertEquals(100.0, HeldOutWords.balancedAccuracy(new int[] {1, 0, 0}, new int[] {1, 0, 0}), 1e-12);
        // class 1: 2 of 3 recalled, class 0: 1 of 1
        assertEquals(50.0 * (2.0 / 3 + 1), HeldOutWords.balancedAccuracy(new int[] {1, 0, 0, 1}, new int[] {1, 0, 1, 1}), 1e-9);
    }

    @Test
    void badInputSaysWhatToDo() {
        String one = assertThrows(IllegalArgumentException.class,
                () -> HeldOutWords.split(new String[] {"not", "not", "can", "may"}, new int[] {1, 1, 0, 0})).getMessage();
        assertTrue(one.contains("at least two different words"), one);
        String n = assertThrows(IllegalArgumentException.class,
                () -> HeldOutWords.split(new String[] {"not"}, new int[] {1, 0})).getMessage();
        assertTrue(n.contains("one word per sample"), n);
        HeldOutWords split = HeldOutWords.split(new String[] {"a", "b", "c", "d"}, new int[] {1, 1, 0, 0});
        String rows = assertThrows(IllegalArgumentException.class, () -> split.labelsOf(new int[3], 0)).getMessage();
        assertTrue(rows.contains("same samples"), rows);
    }
}

package org.interp4j.data;

import org.interp4j.model.Batch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.interp4j.data.Target.AFFIRMATION;
import static org.interp4j.data.Target.NEGATION;
import static org.junit.jupiter.api.Assertions.*;

/** Windows cut around targets: shape, where the target sits, edges, balance and bad input. */
class TokenWindowsTest {

    /** ids 1000, 1001, ...: a token's id tells its position. */
    private static long[] counting(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = 1000 + i;
        return ids;
    }

    private static Target at(int position, int label) {
        return new Target(0, position, label, label == NEGATION ? "not" : "can");
    }

    @Test
    void windowsHoldPreTargetPostAndSkipTheEdges() {
        long[] ids = counting(100);
        // pre 5, post 3: positions 5..96 fit; 4 is too early, 97 too late.
        List<Target> targets = List.of(at(4, NEGATION), at(5, AFFIRMATION), at(50, NEGATION), at(96, AFFIRMATION),
                at(97, NEGATION));
        TokenWindows w = TokenWindows.around(ids, targets, 5, 3);
        assertEquals(3, w.size());
        assertEquals(9, w.length());
        assertEquals(5, w.targetPosition());
        assertEquals(2, w.skipped());
        assertEquals(List.of(at(5, AFFIRMATION), at(50, NEGATION), at(96, AFFIRMATION)), w.targets());
        assertArrayEquals(new int[] {0, 1, 0}, w.labels());
        assertEquals(1, w.count(NEGATION));
        assertEquals(2, w.count(AFFIRMATION));
        long[][] rows = w.ids();
        assertArrayEquals(new long[] {1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008}, rows[0]);
        assertArrayEquals(new long[] {1045, 1046, 1047, 1048, 1049, 1050, 1051, 1052, 1053}, rows[1]);
        assertArrayEquals(new long[] {1091, 1092, 1093, 1094, 1095, 1096, 1097, 1098, 1099}, rows[2]);
        for (int i = 0; i < w.size(); i++) assertEquals(1000 + w.targets().get(i).position(), rows[i][5]);
        rows[0][0] = -1;
        assertEquals(1000, w.row(0)[0], "ids() hands out copies");
    }

    @Test
    void batchesAreRectangularWithAFullMask() {
        TokenWindows w = TokenWindows.around(counting(60), List.of(at(10, NEGATION), at(20, AFFIRMATION),
                at(30, NEGATION)), 4, 2);
        Batch all = w.batch();
        assertEquals(3, all.size());
        assertEquals(7, all.length());
        for (int[] row : all.mask()) assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, row);
        Batch tail = w.batch(1, 3);
        assertEquals(2, tail.size());
        assertEquals(1020, tail.ids()[0][4]);
        assertEquals(1030, tail.ids()[1][4]);
        assertThrows(IllegalArgumentException.class, () -> w.batch(2, 4));
    }

    @Test
    void targetsComeFromTheTextTheyNameAndPostCanBeZero() {
        long[][] texts = {counting(10), {7, 8, 9, 10, 11, 12}};
        List<Target> targets = List.of(new Target(1, 3, NEGATION, "not"), new Target(0, 9, AFFIRMATION, "may"));
        TokenWindows w = TokenWindows.around(texts, targets, 2, 0);
        assertArrayEquals(new long[] {8, 9, 10}, w.row(0));
        assertArrayEquals(new long[] {1007, 1008, 1009}, w.row(1));
        assertEquals(0, w.skipped());
    }

    @Test
    void capPerClassIsSeededAndKeepsTextOrder() {
        List<Target> targets = new ArrayList<>();
        for (int p = 10; p < 110; p += 10) targets.add(at(p, NEGATION));          // 10 negations
        for (int p = 15; p < 55; p += 10) targets.add(at(p, AFFIRMATION));        // 4 affirmations
        targets.sort((a, b) -> Integer.compare(a.position(), b.position()));
        TokenWindows w = TokenWindows.around(counting(200), targets, 5, 5);
        assertEquals(14, w.size());

        TokenWindows capped = w.capPerClass(3, 7);
        assertEquals(3, capped.count(NEGATION));
        assertEquals(3, capped.count(AFFIRMATION));
        List<Target> kept = capped.targets();
        for (int i = 1; i < kept.size(); i++) assertTrue(kept.get(i - 1).position() < kept.get(i).position());
        for (int i = 0; i < capped.size(); i++) assertEquals(1000 + kept.get(i).position(), capped.row(i)[5]);
        assertEquals(kept, w.capPerClass(3, 7).targets(), "same seed, same windows");

        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) differs = !w.capPerClass(3, seed).targets().equals(kept);
        assertTrue(differs, "other seeds draw other windows");

        TokenWindows all = w.capPerClass(10, 1);
        assertEquals(w.targets(), all.targets());
        assertThrows(IllegalArgumentException.class, () -> w.capPerClass(0, 1));
    }

    @Test
    void edgesAreTheLecturesSearchRange() {
        // The lecture searches positions pre .. n-post-1: here 90 .. 13295 of 13306 tokens.
        long[] ids = counting(13306);
        List<Target> targets = List.of(at(89, NEGATION), at(90, NEGATION), at(13295, AFFIRMATION),
                at(13296, AFFIRMATION));
        TokenWindows w = TokenWindows.around(ids, targets, 90, 10);
        assertEquals(2, w.size());
        assertEquals(2, w.skipped());
        assertEquals(101, w.length());
        assertEquals("TokenWindows[2 windows of 101 tokens (target at 90): 1 negation, 1 affirmation; "
                + "2 targets skipped near the edges]", w.toString());
    }

    @Test
    void badInputIsRefusedClearly() {
        long[] ids = counting(20);
        String allSkipped = assertThrows(IllegalArgumentException.class,
                () -> TokenWindows.around(ids, List.of(at(3, NEGATION), at(18, AFFIRMATION)), 5, 5)).getMessage();
        assertTrue(allSkipped.startsWith("All 2 targets are closer than pre=5"), allSkipped);
        assertTrue(allSkipped.contains("Join short texts"), allSkipped);

        String negative = assertThrows(IllegalArgumentException.class,
                () -> TokenWindows.around(ids, List.of(at(10, NEGATION)), -1, 2)).getMessage();
        assertTrue(negative.contains("pre and post must be 0 or more"), negative);

        String empty = assertThrows(IllegalArgumentException.class,
                () -> TokenWindows.around(ids, List.of(), 2, 2)).getMessage();
        assertTrue(empty.contains("No targets"), empty);

        String wrongText = assertThrows(IllegalArgumentException.class,
                () -> TokenWindows.around(ids, List.of(new Target(2, 5, NEGATION, "not")), 2, 2)).getMessage();
        assertTrue(wrongText.contains("names text 2 but 1 text(s)"), wrongText);

        String outside = assertThrows(IllegalArgumentException.class,
                () -> TokenWindows.around(ids, List.of(at(25, NEGATION)), 2, 2)).getMessage();
        assertTrue(outside.contains("is at token 25 but text 0 has 20 tokens"), outside);

        TokenWindows w = TokenWindows.around(ids, List.of(at(10, NEGATION)), 5, 4);
        assertSame(w, w.requireFits(10));
        String tooLong = assertThrows(IllegalArgumentException.class, () -> w.requireFits(9)).getMessage();
        assertTrue(tooLong.contains("Windows of 10 tokens (pre 5 + target + post 4) are longer than the model's "
                + "context of 9 tokens"), tooLong);
    }
}

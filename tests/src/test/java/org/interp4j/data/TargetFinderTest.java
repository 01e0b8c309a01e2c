package org.interp4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.interp4j.io.Gguf;
import org.interp4j.io.GgufTestFiles;
import org.interp4j.support.Fixtures;
import org.interp4j.tokenize.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.interp4j.data.Target.AFFIRMATION;
import static org.interp4j.data.Target.NEGATION;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The lecture's target rules on the default model's tokenizer (byte-level, {@code Ġ} spaces) and on
 * a sentencepiece one ({@code ▁} spaces that its decoder drops), and against the lecture's own code
 * run on the course sentences (make_negation_goldens.py).
 */
class TargetFinderTest {
    private static Gguf smolGguf;
    private static Tokenizer smol;
    private static Gguf spmGguf;
    private static Tokenizer spm;
    private static final TargetFinder FINDER = TargetFinder.defaults();

    @BeforeAll
    static void load() throws IOException {
        smolGguf = Gguf.open(GgufTestFiles.smolLm2());
        smol = Tokenizer.fromGguf(smolGguf);
        spmGguf = Gguf.open(GgufTestFiles.fixture("tokenizer/spm_tiny.gguf"));
        spm = Tokenizer.fromGguf(spmGguf);
    }

    @AfterAll
    static void close() throws IOException {
        smol.close();
        smolGguf.close();
        spm.close();
        spmGguf.close();
    }

    private static Target neg(int position, String word) {
        return new Target(0, position, NEGATION, word);
    }

    private static Target aff(int position, String word) {
        return new Target(0, position, AFFIRMATION, word);
    }

    /** Finds targets and checks that each sits on the token the test names. */
    private static List<Target> find(String text, String... targetTokens) {
        List<Target> found = FINDER.find(smol, text);
        String[] tokens = smol.tokens(text);
        List<String> at = new ArrayList<>();
        for (Target t : found) at.add(tokens[t.position()]);
        assertEquals(List.of(targetTokens), at, "tokens at the targets of: " + text);
        return found;
    }

    @Test
    void contractionsTargetTheTokenThatCompletesTheWord() {
        // I | Ġdon 't | Ġknow Ġwhy Ġit | Ġisn 't | Ġhere Ġand Ġhe | Ġcan 't | Ġgo .
        List<Target> found = find("I don't know why it isn't here and he can't go.", "'t", "'t", "'t");
        assertEquals(List.of(neg(2, "don't"), neg(7, "isn't"), neg(12, "can't")), found);
    }

    @Test
    void affirmationsCountUnlessNotFollows() {
        // We Ġcan Ġgo , Ġwe Ġcan Ġnot Ġstay , Ġand Ġwe Ġmay Ġnever Ġknow .
        List<Target> found = find("We can go, we can not stay, and we may never know.",
                "Ġcan", "Ġnot", "Ġmay", "Ġnever");
        assertEquals(List.of(aff(1, "can"), neg(6, "not"), aff(11, "may"), neg(12, "never")), found);
    }

    @Test
    void wordsMatchWholeAndNeverRightBeforePunctuation() {
        // He Ġnoted Ġthe Ġnotion , Ġcannot Ġagree ; Ġnor Ġshould Ġthey . ĠNot Ġnow .
        List<Target> found = find("He noted the notion, cannot agree; nor should they. Not now.",
                "Ġcannot", "Ġnor", "Ġshould", "ĠNot");
        assertEquals(List.of(neg(5, "cannot"), neg(8, "nor"), aff(9, "should"), neg(12, "not")), found);
    }

    @Test
    void aTokenThatStartsALongerWordIsNoTarget() {
        // The Ġcanopy Ġis Ġnotable Ġand Ġmay hem Ġis Ġcertainly Ġnear .   ("Ġmay" starts "mayhem")
        assertEquals(List.of(aff(8, "certainly")),
                find("The canopy is notable and mayhem is certainly near.", "Ġcertainly"));
    }

    @Test
    void quotesCaseCurlyApostrophesAndSplitContractions() {
        // " Never Ġmind ," Ġshe Ġsaid . Ġ( Can Ġyou ?) ĠI ĠD ON ' T ĠC ARE . ĠDon âĢĻ t Ġstop .
        List<Target> found = find("\"Never mind,\" she said. (Can you?) I DON'T CARE. Don\u2019t stop.",
                "Never", "Can", "T", "t");
        assertEquals(List.of(neg(1, "never"), aff(8, "can"), neg(15, "don't"), neg(21, "don't")), found);
    }

    @Test
    void textsAreNumberedAndPositionsCountWithinEachText() {
        List<Target> found = FINDER.find(smol, List.of("We can go now.", "It is not here.", "Nothing."));
        assertEquals(List.of(new Target(0, 1, AFFIRMATION, "can"), new Target(1, 2, NEGATION, "not")), found);
    }

    @Test
    void sentencepieceSpacesAndSpecialTokensWork() {
        // <s> ▁the ▁cat ▁ca n ▁not ▁ g o ▁and ▁the ▁dog ▁ca n ▁ g o : "can" is two tokens here
        List<Target> found = FINDER.find(spm, List.of("the cat can not go and the dog can go", "never say never"));
        assertEquals(List.of(new Target(0, 5, NEGATION, "not"), new Target(0, 13, AFFIRMATION, "can"),
                new Target(1, 3, NEGATION, "never")), found);
    }

    @Test
    void wordListsAreConfigurable() {
        TargetFinder mine = TargetFinder.of(List.of("Never"), List.of(), List.of("go", "WE"));
        // We Ġcan Ġgo , Ġwe Ġcan Ġnot Ġstay , Ġand Ġwe Ġmay Ġnever Ġknow .
        List<Target> found = mine.find(smol, "We can go, we can not stay, and we may never know.");
        assertEquals(List.of(aff(0, "we"), aff(4, "we"), aff(10, "we"), neg(12, "never")), found);
        assertEquals(List.of("'t"), FINDER.contractionMarks());
        assertTrue(FINDER.negations().containsAll(List.of("not", "cannot", "nor", "never")));
        assertEquals(11, FINDER.affirmations().size());
    }

    @Test
    void noTargetsSaysWhatATargetIs() {
        // Ġcannot ed, Ġmight iest, Ġnot ary: every listed word here starts a longer one.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FINDER.find(smol, "A nevertheless cannoted shoulder mightiest allowance knotted notary"));
        assertTrue(e.getMessage().startsWith("No negation or affirmation targets in 1 text(s) of 12 tokens"),
                e.getMessage());
    }

    @Test
    void badWordListsAreRefusedClearly() {
        String none = assertThrows(IllegalArgumentException.class,
                () -> TargetFinder.of(List.of(), List.of(), List.of("can"))).getMessage();
        assertTrue(none.contains("nothing can be a negation"), none);
        String noAff = assertThrows(IllegalArgumentException.class,
                () -> TargetFinder.of(List.of("not"), List.of("'t"), List.of(" "))).getMessage();
        assertTrue(noAff.contains("affirmation word list is empty"), noAff);
        String both = assertThrows(IllegalArgumentException.class,
                () -> TargetFinder.of(List.of("not", "can"), List.of(), List.of("can"))).getMessage();
        assertTrue(both.contains("'can' is both a negation and an affirmation"), both);
        String phrase = assertThrows(IllegalArgumentException.class,
                () -> TargetFinder.of(List.of("by no means"), List.of(), List.of("can"))).getMessage();
        assertTrue(phrase.contains("phrase 'by no means'"), phrase);
    }

    @Test
    void courseTextGivesTheLecturesOwnTargets() throws IOException {
        JsonNode golden = Fixtures.json("tests/fixtures/negation/seed_targets_smollm2.json");
        long[] ids = smol.encode(BrownCorpus.open().negationText());
        assertEquals(golden.get("num_tokens").asInt(), ids.length);
        for (int i = 0; i < 32; i++) assertEquals(golden.get("first_ids").get(i).asLong(), ids[i]);

        List<Target> found = FINDER.find(smol, ids);
        // Every target of the whole text, edges included.
        assertEquals(458, Target.count(found, NEGATION));
        assertEquals(424, Target.count(found, AFFIRMATION));

        // Inside the lecture's search range, the positions the original's per-token code finds, plus
        // the words it cannot see because the tokenizer splits them: "shall" as "sh" + "all".
        int pre = golden.get("context_pre").asInt();
        int post = golden.get("context_post").asInt();
        List<Integer> negations = new ArrayList<>();
        List<Integer> affirmations = new ArrayList<>();
        List<Target> split = new ArrayList<>();
        for (Target t : found) {
            if (t.position() < pre || t.position() >= ids.length - post) continue;
            String token = smol.decode(new long[] {ids[t.position()]}, true).strip().toLowerCase();
            boolean wholeToken = token.equals(t.word()) || token.contains("'t");
            if (!wholeToken) {
                split.add(t);
                continue;
            }
            (t.isNegation() ? negations : affirmations).add(t.position());
        }
        assertEquals(positions(golden.get("negations")), negations);
        assertEquals(positions(golden.get("affirmations")), affirmations);
        assertEquals(1, split.size(), split.toString());
        assertEquals("shall", split.get(0).word());

        // The lecture's windows: one per target in that range, the target at position pre.
        TokenWindows windows = TokenWindows.around(ids, found, pre, post);
        assertEquals(negations.size() + affirmations.size() + split.size(), windows.size());
        assertEquals(found.size() - windows.size(), windows.skipped());
        assertEquals(457, windows.count(NEGATION));
        assertEquals(423, windows.count(AFFIRMATION));
        long[][] rows = windows.ids();
        for (int i = 0; i < rows.length; i++) {
            int p = windows.targets().get(i).position();
            assertArrayEquals(java.util.Arrays.copyOfRange(ids, p - pre, p + post + 1), rows[i]);
        }
    }

    @Test
    void tokenTextsGiveTheSameTargetsAsTokenIds() {
        // Each token decoded alone, with its leading space: the form lecture 01's exercise hands out.
        String text = BrownCorpus.open().negationText();
        long[] ids = smol.encode(text);
        List<String> texts = new ArrayList<>();
        for (long id : ids) texts.add(smol.decode(new long[] {id}, true));
        assertEquals(FINDER.find(smol, ids), FINDER.findInTokenTexts(texts));
        // Curly apostrophes and capitals as in the token-id path; no target gives an empty list.
        assertEquals(List.of(neg(2, "don't")), FINDER.findInTokenTexts(List.of("I", " DON", "\u2019T", " go")));
        assertEquals(List.of(), FINDER.findInTokenTexts(List.of(" not", "ion", " can", "opy")));
    }

    private static List<Integer> positions(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}

package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.interp4j.data.ConceptSet;
import org.interp4j.expertise.AveragePrecision;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-conditioning on the default model (SmolLM2-135M-Instruct): forcing the sport experts makes
 * generations mention sport far more often than the same seeds do unsteered. The experts come from
 * tests/fixtures/steer/sport_experts_smollm2.csv (its README says how it was made).
 */
class SelfConditioningSmolLm2Test {
    static LanguageModel model;
    static ConceptSet sport;
    static final int UNITS = 600;
    static final List<String> PROMPTS = List.of("Once upon a time", "The best thing about", "I was thinking about",
            "Yesterday, my friend told me");

    @BeforeAll
    static void load() {
        model = LanguageModel.load("smollm2-135m");
        sport = ConceptSet.load("sport");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static SelfConditioning experts(int k) throws IOException {
        return SelfConditioning.readCsv(Fixtures.path("tests/fixtures/steer/sport_experts_smollm2.csv"), k, "on_p50");
    }

    @Test
    void forcingSportExpertsRaisesSportPresenceAtEqualSeeds() throws IOException {
        SweepResult r = SteeringSweep.of(model, sport).prompts(PROMPTS).seeds(0, 1)
                .options(GenerateOptions.sampling(20, 1.0, 0).withTopK(50).ignoringEos())
                .selfConditioning(experts(UNITS), 0, UNITS);
        System.out.println(r.summary().print());
        double before = r.summary().doubleColumn("presence").get(0);
        double after = r.summary().doubleColumn("presence").get(1);
        double pplBefore = r.summary().doubleColumn("perplexity").get(0);
        double pplAfter = r.summary().doubleColumn("perplexity").get(1);
        System.out.printf("sport presence %.3f -> %.3f, perplexity %.1f -> %.1f%n", before, after, pplBefore, pplAfter);
        assertEquals(8, r.texts(UNITS).size(), "4 prompts x 2 seeds");
        assertTrue(after >= before + 0.5, "presence " + before + " -> " + after + "\n" + String.join("\n", r.texts(UNITS)));
        assertTrue(pplAfter > pplBefore, "steering has a fluency cost under the unsteered model");
        assertEquals("Concept presence vs perplexity (sport, by units)", r.chart().getTitle());
    }

    @Test
    void theCommittedExpertsDetectSportInThisModel() throws IOException {
        // a fresh, small sample of the concept: the fixture's best units must still separate it
        List<ConceptSet.Example> pos = sport.positives().subList(0, 12), neg = sport.negatives().subList(0, 12);
        List<String> texts = new java.util.ArrayList<>();
        pos.forEach(e -> texts.add(e.text()));
        neg.forEach(e -> texts.add(e.text()));
        int[] y = new int[24];
        for (int i = 0; i < 12; i++) y[i] = 1;
        ForcedUnit best = experts(1).units().get(0);
        ResponsesMatrix x = ResponsesRecorder.of(model, best.layer()).maxTokens(48).record(texts);
        double ap = AveragePrecision.of(x.column(best.unit()), y);
        assertTrue(ap > 0.8, best + " has AP " + ap + " on 24 sentences");
    }
}

package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Every solution gets full marks when its notebook computes with one PyTorch thread while the grader
 * computes the library's answers with the default: a forward pass summed in another order must not
 * cost a correct student a point. (The rubric tests grade the solutions with the default threads.)
 */
class OneThreadGradingTest {

    @Test
    void everySolutionGetsFullMarksWithOneThread() {
        List<Class<?>> rubrics = List.of(
                org.interp4j.rubric.GettingStartedRubric.class,
                org.interp4j.rubric.NegationTuningRubric.class,
                org.interp4j.rubric.ExpertUnitsRubric.class,
                org.interp4j.rubric.ConditionedGenerationRubric.class,
                org.interp4j.rubric.LongTailAblationRubric.class,
                org.interp4j.rubric.DecompositionRubric.class);
        StringBuilder lost = new StringBuilder();
        for (Class<?> rubric : rubrics) {
            String notebook = rubric.getAnnotation(Rubric.class).notebook();
            Grader grader = new Grader(List.of(rubric))
                    .config(RubricConfig.REPO, Fixtures.repo().toString())
                    .config(RubricConfig.THREADS, "1");
            List<ScoreLine> lines = grader.gradeOne(Fixtures.path("solutions/" + notebook));
            ScoreTable.print(lines, System.out);
            for (ScoreLine l : lines) {
                if (l.points() < l.maxPoints()) {
                    lost.append(notebook).append(' ').append(l.exercise()).append(": ").append(l.message()).append('\n');
                }
            }
        }
        assertEquals("", lost.toString(), "exercises a correct solution loses with one thread");
    }
}

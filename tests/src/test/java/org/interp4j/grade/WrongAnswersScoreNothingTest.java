package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every exercise of every lecture, graded on answers a student could hand in without doing the work
 * (zero, a constant, null, empty, the first or last index, the right answer's sign flipped): none
 * scores. And no message a wrong answer gets, trivial or a near miss, contains the expected value.
 */
class WrongAnswersScoreNothingTest {

    @TestFactory
    Stream<DynamicTest> implementItExercises() {
        ExerciseContext context = ExerciseContext.grader();
        List<DynamicTest> tests = new ArrayList<>();
        for (FunctionExercise<?> ex : Trials.all()) {
            tests.add(DynamicTest.dynamicTest(ex.id(), () -> checkFunction(ex, context)));
        }
        assertTrue(tests.size() >= 1, "no implement-it exercise found");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> recordedExercises() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Expectations file : ExpectationRegistry.loaded()) {
            for (Expectation e : file.exercises().values()) {
                if (e.expected() != null && !e.expected().isMissingNode() && Trials.find(e.id()).isEmpty()) {
                    tests.add(DynamicTest.dynamicTest(e.id(), () -> checkRecorded(e)));
                }
            }
        }
        return tests.stream();
    }

    private static void checkFunction(FunctionExercise<?> ex, ExerciseContext context) {
        List<FunctionExercise.Trial> trials = ex.trials(context);
        List<JsonNode> right = new ArrayList<>();
        List<String> renderings = new ArrayList<>();
        for (FunctionExercise.Trial t : trials) {
            JsonNode want = DataExport.tree(ex.reference(t, context));
            right.add(want);
            renderings.addAll(WrongAnswers.renderings(want));
        }
        Verdict ok = Trials.judge(ex.id(), outputs(right, null), context);
        assertTrue(ok.passed(), ex.id() + ": the library's own outputs must pass: " + ok.message());
        Map<String, List<JsonNode>> wrong = new LinkedHashMap<>();
        for (int i = 0; i < right.size(); i++) {
            Map<String, JsonNode> all = new LinkedHashMap<>(WrongAnswers.trivial(right.get(i)));
            all.putAll(WrongAnswers.nearMisses(right.get(i)));
            for (Map.Entry<String, JsonNode> w : all.entrySet()) {
                wrong.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(w.getValue());
            }
        }
        for (Map.Entry<String, List<JsonNode>> w : wrong.entrySet()) {
            if (w.getValue().size() != right.size()) {
                continue; // a kind of answer that only some trials have (e.g. "last index" of a list)
            }
            Verdict v = Trials.judge(ex.id(), outputs(w.getValue(), null), context);
            boolean trivial = WrongAnswers.trivial(right.get(0)).containsKey(w.getKey());
            if (trivial) {
                assertFalse(v.passed(), ex.id() + " passes the trivial answer \"" + w.getKey() + "\" on every test input");
            }
            if (!v.passed()) {
                assertNoAnswer(ex.id(), v.message(), renderings);
            }
        }
    }

    private static void checkRecorded(Expectation e) {
        List<String> renderings = WrongAnswers.renderings(e.expected());
        for (Map.Entry<String, JsonNode> w : WrongAnswers.trivial(e.expected()).entrySet()) {
            Verdict v = e.check(w.getValue());
            assertFalse(v.passed(), e.id() + " passes the trivial answer \"" + w.getKey() + "\"");
            assertNoAnswer(e.id(), v.message(), renderings);
        }
        for (JsonNode w : WrongAnswers.nearMisses(e.expected()).values()) {
            Verdict v = e.check(w);
            if (!v.passed()) {
                assertNoAnswer(e.id(), v.message(), renderings);
            }
        }
    }

    private static void assertNoAnswer(String id, String message, List<String> renderings) {
        for (String r : renderings) {
            assertFalse(message.contains(r), id + ": the message shows the expected value (" + r + "): " + message);
        }
    }

    private static JsonNode outputs(List<JsonNode> values, String error) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray("outputs");
        for (JsonNode v : values) {
            ObjectNode one = a.addObject();
            if (error != null) {
                one.put("error", error);
            } else {
                one.set("value", v);
            }
        }
        return o;
    }
}

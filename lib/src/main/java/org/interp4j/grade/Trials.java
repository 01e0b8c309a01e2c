package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs implement-it exercises ({@link FunctionExercise}). The student's function is called in the
 * notebook's JVM ({@link #outputs}), which gives back only data; the library's results are computed
 * and compared where the check runs ({@link #judge}): in the notebook for a self-check, in the
 * grader's own JVM when grading. Lecture exercises are found by id prefix ({@code "02."} →
 * {@code org.interp4j.grade.exercises.ExpertUnitsExercises}).
 */
public final class Trials {

    private static final Map<String, String> LECTURES = Map.of(
            "00", "GettingStartedExercises",
            "01", "NegationTuningExercises",
            "02", "ExpertUnitsExercises",
            "03", "ConditionedGenerationExercises",
            "04", "LongTailAblationExercises",
            "05", "DecompositionExercises");
    private static final String PACKAGE = "org.interp4j.grade.exercises.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Map<String, FunctionExercise<?>>> LOADED = new ConcurrentHashMap<>();
    /** The library's answers in the grader's context, computed once per JVM: its inputs and model never change. */
    private static final Map<String, List<JsonNode>> GRADER_ANSWERS = new ConcurrentHashMap<>();

    private Trials() {
    }

    /**
     * Calls the student's {@code function} on every test input of the exercise and returns the
     * results as JSON data: {@code {"outputs": [{"value": …} | {"error": "…"} | {"notDone": true}]}},
     * or {@code {"wrongType": "…"}} when the function is not of the exercise's type. Called by the
     * grader inside the submission's JVM; it computes no expected value.
     */
    public static String outputs(String exerciseId, Object function, Object... context) {
        FunctionExercise<?> ex = find(exerciseId).orElseThrow(
                () -> new IllegalArgumentException("there is no implement-it exercise \"" + exerciseId + "\""));
        return DataExport.json(run(ex, function, ExerciseContext.of(context)));
    }

    /** The implement-it exercise of that id, if it is one. */
    static Optional<FunctionExercise<?>> find(String exerciseId) {
        int dot = exerciseId.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String lecture = exerciseId.substring(0, dot);
        Map<String, FunctionExercise<?>> byId = LOADED.computeIfAbsent(lecture, Trials::load);
        return Optional.ofNullable(byId.get(exerciseId));
    }

    /** Every implement-it exercise of every lecture, lecture by lecture. */
    static List<FunctionExercise<?>> all() {
        List<FunctionExercise<?>> out = new ArrayList<>();
        new TreeSet<>(LECTURES.keySet()).forEach(lecture -> out.addAll(ofLecture(lecture)));
        return out;
    }

    /** Every implement-it exercise of a lecture ({@code "02"}), in order. */
    static List<FunctionExercise<?>> ofLecture(String lecture) {
        return List.copyOf(LOADED.computeIfAbsent(lecture, Trials::load).values());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, FunctionExercise<?>> load(String lecture) {
        Map<String, FunctionExercise<?>> out = new LinkedHashMap<>();
        String name = LECTURES.get(lecture);
        if (name == null) {
            return out;
        }
        Class<?> type;
        try {
            type = Class.forName(PACKAGE + name);
        } catch (ClassNotFoundException e) {
            return out;
        }
        try {
            for (FunctionExercise<?> ex : (List<FunctionExercise<?>>) type.getMethod("all").invoke(null)) {
                out.put(ex.id(), ex);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a public static all() listing its exercises", e);
        }
        return out;
    }

    private static <F> ObjectNode run(FunctionExercise<F> ex, Object function, ExerciseContext context) {
        ObjectNode result = NODES.objectNode();
        if (function == null || !ex.type().isInstance(function)) {
            result.put("wrongType", function == null ? "null" : function.getClass().getSimpleName());
            return result;
        }
        F f = ex.type().cast(function);
        ArrayNode outputs = result.putArray("outputs");
        for (FunctionExercise.Trial t : ex.trials(context)) {
            ObjectNode one = outputs.addObject();
            try {
                one.set("value", DataExport.tree(ex.apply(f, t, context)));
            } catch (NotDoneYet e) {
                one.put("notDone", true);
            } catch (RuntimeException | StackOverflowError e) {
                one.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
        return result;
    }

    /** Compares a student's outputs (from {@link #outputs}) with the library's on the same inputs. */
    static Verdict judge(String exerciseId, JsonNode outputs, ExerciseContext context) {
        FunctionExercise<?> ex = find(exerciseId).orElseThrow();
        String hint = ex.hint() == null || ex.hint().isBlank() ? "" : ". Hint: " + ex.hint();
        if (outputs.has("wrongType")) {
            return Verdict.fail(exerciseId, ex.variable() + " should be a " + ex.type().getSimpleName() + " written as "
                    + ex.signature() + ", not " + outputs.get("wrongType").asText());
        }
        JsonNode got = outputs.path("outputs");
        List<FunctionExercise.Trial> trials = ex.trials(context);
        if (!got.isArray() || got.size() != trials.size()) {
            return Verdict.fail(exerciseId, "the function's outputs could not be read back");
        }
        for (JsonNode one : got) {
            if (one.path("notDone").asBoolean(false)) {
                return Verdict.fail(exerciseId, "not done yet: " + ex.variable() + " still throws NotDoneYet");
            }
        }
        List<JsonNode> answers;
        try {
            answers = context.isGrader()
                    ? GRADER_ANSWERS.computeIfAbsent(exerciseId, id -> answers(ex, trials, context))
                    : answers(ex, trials, context);
        } catch (RuntimeException e) {
            return Verdict.fail(exerciseId, "the check itself failed (" + e + "); tell your instructor");
        }
        int wrong = 0;
        String first = null;
        for (int i = 0; i < trials.size(); i++) {
            JsonNode one = got.get(i);
            String problem = one.has("error") ? "it throws " + one.get("error").asText()
                    : compareSafely(ex, one.path("value"), answers.get(i), trials.get(i), context);
            if (problem != null) {
                wrong++;
                if (first == null) {
                    first = "on " + trials.get(i).description() + ", " + problem;
                }
            }
        }
        if (wrong == 0) {
            return Verdict.pass(exerciseId, "matches the library on all " + trials.size() + " test inputs");
        }
        return Verdict.fail(exerciseId, ex.variable() + " differs from the library on " + wrong + " of " + trials.size()
                + " test inputs; " + first + hint);
    }

    /** The library's answer to every trial, through JSON text as the student's outputs came (a float then equals itself). */
    private static List<JsonNode> answers(FunctionExercise<?> ex, List<FunctionExercise.Trial> trials, ExerciseContext context) {
        List<JsonNode> out = new ArrayList<>();
        for (FunctionExercise.Trial t : trials) {
            out.add(DataExport.parse(DataExport.json(ex.reference(t, context))));
        }
        return out;
    }

    private static String compareSafely(FunctionExercise<?> ex, JsonNode got, JsonNode want, FunctionExercise.Trial t,
                                        ExerciseContext context) {
        try {
            return ex.compare(got, want, t, context);
        } catch (RuntimeException e) {
            return "its result cannot be compared (" + e.getMessage() + ")";
        }
    }
}

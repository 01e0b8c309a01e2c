package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An exercise where the student implements one step of a method as a function (a lambda of type
 * {@code F}). Its check runs the student's function and the library's implementation of the same
 * step on the same test inputs and compares the results, so nothing is recorded from one machine and
 * a correct answer passes on any machine. Inputs come from fixed seeds: the self-check and the
 * grader try exactly the same cases.
 *
 * <p>Subclasses live in {@code org.interp4j.grade.exercises}, one file per exercise; each lecture's
 * {@code ...Exercises} class lists its exercises and holds the function types its notebook implements.
 *
 * @param <F> the type the student's function must have
 */
public abstract class FunctionExercise<F> {

    /**
     * One test input: a short description for messages (never the answer) and the arguments. A single
     * array argument must be cast to {@code Object} ({@code new Trial("…", (Object) rows)}), or Java
     * spreads its elements over the varargs.
     */
    public record Trial(String description, Object... args) {
    }

    private final String id;
    private final String variable;
    private final Class<F> type;
    private final String signature;
    private final String hint;
    private final Tolerance tolerance;

    /**
     * @param variable the notebook variable that holds the student's function
     * @param signature how the student's lambda looks, for messages, e.g. {@code "(scores, labels) -> ap"}
     * @param hint a pointer to the method, never its code
     * @param tolerance how close to the library's result each output must be (for outputs that
     *     depend on a forward pass, measured across thread counts; see the exercise's comment)
     */
    protected FunctionExercise(String id, String variable, Class<F> type, String signature, String hint,
                               Tolerance tolerance) {
        this.id = id;
        this.variable = variable;
        this.type = type;
        this.signature = signature;
        this.hint = hint;
        this.tolerance = tolerance;
    }

    /**
     * A functional interface's class as the type of its parameterised form, e.g.
     * {@code generic(BiFunction.class)} for {@code Class<BiFunction<float[], int[], Double>>}: Java has
     * no class literal for a parameterised type, and the type is only used to name the lambda's kind.
     */
    @SuppressWarnings("unchecked")
    protected static <T> Class<T> generic(Class<?> raw) {
        return (Class<T>) raw;
    }

    public final String id() {
        return id;
    }

    public final String variable() {
        return variable;
    }

    /**
     * Notebook variables the self-check passes after the function and the grader passes along when it
     * calls the function in the submission (e.g. {@code "model"}); none by default.
     */
    public List<String> context() {
        return List.of();
    }

    public final Class<F> type() {
        return type;
    }

    public final String signature() {
        return signature;
    }

    public final String hint() {
        return hint;
    }

    public final Tolerance tolerance() {
        return tolerance;
    }

    /** The test inputs; the same on every call (fixed seeds), built with the context's model if needed. */
    protected abstract List<Trial> trials(ExerciseContext context);

    /** Runs the student's function on one trial. */
    protected abstract Object apply(F function, Trial trial, ExerciseContext context);

    /** The library's result for one trial. */
    protected abstract Object reference(Trial trial, ExerciseContext context);

    /**
     * Null when the student's output (as data) matches the library's; otherwise what is wrong,
     * without the expected value. By default {@link Difference} within the tolerance; exercises whose
     * answer is an argmax override this to accept near-ties.
     */
    protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
        return Difference.of("the result", got, want, tolerance);
    }
}

package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every grading rubric. The notebook is run once per class (the solution by default, the
 * file of configuration parameter {@code interp4j.submission} when grading); tests check its
 * variables.
 *
 * <pre>{@code
 * @Rubric(notebook = "00-getting-started.ipynb")
 * class GettingStartedRubric extends NotebookRubric {
 *     @Test @Exercise(id = "00.next-token", points = 2)
 *     void nextToken() { expect(); }                     // compare with the recorded value
 *
 *     @Test @Exercise(id = "00.vocab", points = 1)
 *     void vocab() {                                      // or check by hand
 *         requireDone();
 *         assertTrue(variable("vocabSize").asLong() > 1000);
 *     }
 * }
 * }</pre>
 */
@ExtendWith(RubricExtension.class)
public abstract class NotebookRubric {

    private Supplier<RubricExtension.Loaded> loaded;
    private Method currentTest;

    final void attach(Supplier<RubricExtension.Loaded> loaded) {
        this.loaded = loaded;
    }

    @BeforeEach
    protected final void rememberTest(TestInfo info) {
        currentTest = info.getTestMethod().orElse(null);
    }

    /** The notebook's run. */
    protected final RunResult run() {
        if (loaded == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " must run under JUnit with RubricExtension");
        }
        return loaded.get().run();
    }

    /** A notebook variable as data; the test fails with a clear message when it cannot be read. */
    protected final Value variable(String name) {
        failIfNotRun();
        try {
            return run().variable(name);
        } catch (IllegalStateException e) {
            return fail(e.getMessage());
        }
    }

    /** The expected values of this notebook. */
    final Expectations expectations() {
        RubricExtension.Loaded l = loaded.get();
        if (l.expectations() == null) {
            fail(l.expectationsProblem());
        }
        return l.expectations();
    }

    /** {@link #expect(String)} for the exercise of the running {@code @Exercise} test. */
    protected final void expect() {
        expect(currentExercise());
    }

    /**
     * Passes when the exercise cell ran and its variable matches the recorded value (the same
     * check the notebook's {@code Check.exercise} makes).
     */
    protected final void expect(String exerciseId) {
        requireDone(exerciseId);
        Optional<FunctionExercise<?>> function = Trials.find(exerciseId);
        if (function.isPresent()) {
            expectFunction(function.get());
            return;
        }
        Expectation e;
        try {
            e = expectations().get(exerciseId);
        } catch (IllegalArgumentException ex) {
            fail(ex.getMessage());
            return;
        }
        Verdict v = e.check(variable(e.variable()).json());
        if (!v.passed()) {
            fail(v.message());
        }
    }

    /**
     * An implement-it exercise: the student's function runs in the submission's JVM on the
     * exercise's test inputs; the library's results are computed here, in the grader.
     */
    private void expectFunction(FunctionExercise<?> ex) {
        failIfNotRun();
        JsonNode outputs;
        try {
            outputs = run().trialOutputs(ex.id(), ex.variable(), ex.context());
        } catch (IllegalStateException ex2) {
            fail(ex2.getMessage());
            return;
        }
        Verdict v = Trials.judge(ex.id(), outputs, ExerciseContext.grader());
        if (!v.passed()) {
            fail(v.message());
        }
    }

    /** {@link #requireDone(String)} for the running {@code @Exercise} test. */
    protected final void requireDone() {
        requireDone(currentExercise());
    }

    /**
     * Fails unless the notebook ran and the cell tagged {@code exercise:<id>} finished without
     * error ("not done yet", the exception, the time-out…). A notebook without that tag passes this
     * step: its variables are checked as they are.
     */
    protected final void requireDone(String exerciseId) {
        failIfNotRun();
        run().exercise(exerciseId).filter(c -> !c.ok()).ifPresent(c -> fail(c.message()));
    }

    private void failIfNotRun() {
        run().failure().ifPresent(msg -> fail(msg));
    }

    private String currentExercise() {
        Exercise ex = currentTest == null ? null : currentTest.getAnnotation(Exercise.class);
        if (ex == null) {
            throw new IllegalStateException("expect()/requireDone() without an id need an @Exercise test method");
        }
        return ex.id();
    }
}

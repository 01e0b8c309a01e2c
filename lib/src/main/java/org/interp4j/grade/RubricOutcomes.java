package org.interp4j.grade;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Collects the outcome of each test method of one rubric run; what the notebook printed never
 * enters here. A failure outside any method (the class could not start) is kept once, so every
 * exercise row can say why it was not checked.
 */
final class RubricOutcomes implements TestExecutionListener {

    record Outcome(boolean passed, String message) {
    }

    final Map<String, Outcome> results = new ConcurrentHashMap<>();
    volatile String containerFailure;

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        method(id).ifPresent(m -> results.put(m, new Outcome(false, "skipped: " + reason)));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<String> m = method(id);
        String message = result.getThrowable().map(Grader::oneLine).orElse(result.getStatus().toString());
        if (m.isPresent()) {
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            results.put(m.get(), new Outcome(passed, passed ? "ok" : message));
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && containerFailure == null) {
            containerFailure = message;
        }
    }

    private static Optional<String> method(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName());
    }
}

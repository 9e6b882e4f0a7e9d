package io.loadfleet.operator.real;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For a test class whose methods are the ordered steps of one story on one fleet: once a step
 * fails, the later ones are skipped instead of each waiting out its timeouts on a fleet in the
 * wrong state.
 */
final class StepsInOrder implements TestWatcher, ExecutionCondition {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(StepsInOrder.class);

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getParent().orElseThrow().getStore(STORE).put("failed", context.getDisplayName());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("a class");
        }
        String failed = context.getParent().orElseThrow().getStore(STORE).get("failed", String.class);
        return failed == null
                ? ConditionEvaluationResult.enabled("the steps before passed")
                : ConditionEvaluationResult.disabled("an earlier step failed: " + failed);
    }
}

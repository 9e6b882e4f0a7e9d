package io.loadfleet.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.loadfleet.api.LoadProfile;

/** The verifiers exist while spec.verify is on; switching it off deletes them. */
public class VerifyEnabled implements Condition<Object, LoadProfile> {
    @Override
    public boolean isMet(
            io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource<Object, LoadProfile> dependent,
            LoadProfile profile,
            Context<LoadProfile> context) {
        return profile.getSpec().verifying();
    }
}

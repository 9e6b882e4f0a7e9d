package io.loadfleet.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.loadfleet.api.LoadProfile;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * This pass deleted the worker StatefulSet, its pods left running, to change its volumeClaimTemplates, which
 * Kubernetes does not let change; a later pass creates it anew, and it adopts the pods. Handed to the reconciler
 * through the reconcile context, to tell the user what became of the existing claims.
 *
 * @param statefulSet    the StatefulSet's name
 * @param claimTemplates the names of its new claim templates
 */
public record ClaimTemplatesReplaced(String statefulSet, List<String> claimTemplates) {
    private static final String KEY = ClaimTemplatesReplaced.class.getName();

    void putInto(Context<LoadProfile> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    public static Optional<ClaimTemplatesReplaced> of(Context<LoadProfile> context) {
        return context.managedWorkflowAndDependentResourceContext().get(KEY, ClaimTemplatesReplaced.class);
    }

    /** For a Warning Event: what happened, what did not, and what to do about it. */
    public String message() {
        String claims = claimTemplates.isEmpty()
                ? "The existing PersistentVolumeClaims"
                : "Existing PersistentVolumeClaims ("
                        + claimTemplates.stream()
                                .map(t -> t + "-" + statefulSet + "-N")
                                .collect(Collectors.joining(", "))
                        + ")";
        return "spec.worker.volumeClaimTemplates changed, which a StatefulSet cannot: deleted StatefulSet "
                + statefulSet + " leaving its pods running, to create it anew with the new templates and adopt them. "
                + claims + " are kept and reused by name with their old size and storage class (only new claims "
                + "follow the templates): to grow one, raise its spec.resources.requests.storage (if its "
                + "StorageClass allows volume expansion); to move one to another class, copy its files out, then "
                + "delete the claim and its pod, which comes back with a new claim.";
    }
}

package io.loadfleet.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A failed pass in a line for the status: the API server's own message where there is one. */
final class ReconcileFailure {

    private ReconcileFailure() {}

    static String describe(Exception e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable failure : failures(e)) {
            messages.add(message(failure));
        }
        return String.join("; ", messages);
    }

    /** A workflow's failure holds one per dependent that failed. */
    private static List<Throwable> failures(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregatedOperatorException aggregated) {
                aggregated.getAggregatedExceptions().values().forEach(inner -> out.addAll(failures(inner)));
                return out;
            }
        }
        out.add(e);
        return out;
    }

    /** The Kubernetes Status's message (e.g. what an admission policy said), else the root cause. */
    private static String message(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k
                    && k.getStatus() != null
                    && k.getStatus().getMessage() != null) {
                return k.getStatus().getMessage();
            }
            root = t;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

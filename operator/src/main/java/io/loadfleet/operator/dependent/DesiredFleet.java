package io.loadfleet.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;

/**
 * What the reconciler decided for this pass that the dependents cannot derive from the spec
 * alone: how many pods the StatefulSet keeps while a rescale is under way, and the operator's
 * settings. Handed over through the reconcile context.
 *
 * @param statefulSetReplicas pods to keep: the new plan's count, or more while a scale-down waits
 * @param defaultImage        worker image when spec.worker.image is not set
 * @param controlPort         the workers' control API port
 * @param operatorNamespace   the only namespace whose operator pods may call the control API
 * @param logFormat           the workers' LOG_FORMAT (text or json), as the operator's
 * @param workerConfig        the pods' static configuration, with what the operator read for them (a schema from its ConfigMap)
 * @param verifierReplicas    verifier pods (spec.verify), 0 without live verification
 */
public record DesiredFleet(
        int statefulSetReplicas,
        String defaultImage,
        int controlPort,
        String operatorNamespace,
        String logFormat,
        WorkerConfig workerConfig,
        int verifierReplicas) {
    private static final String KEY = DesiredFleet.class.getName();

    public void putInto(Context<LoadProfile> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    public static DesiredFleet of(Context<LoadProfile> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, DesiredFleet.class);
    }
}

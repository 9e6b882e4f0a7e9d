package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.PodSettingsSpec;
import io.loadfleet.api.spec.VerifySpec;
import java.util.List;

/**
 * The live verifiers (spec.verify): the worker image in its {@code verify --live} mode, with the
 * fleet's configuration, Secrets and hardening, without the workers' volumes. Partitions and start positions are pushed to them, so
 * changing their count restarts none of them.
 */
public class VerifierStatefulSet extends CRUDKubernetesDependentResource<StatefulSet, LoadProfile> {

    public VerifierStatefulSet() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(LoadProfile profile, Context<LoadProfile> context) {
        return build(profile, DesiredFleet.of(context));
    }

    static StatefulSet build(LoadProfile profile, DesiredFleet fleet) {
        // also asked while spec.verify is off, to find the StatefulSet to delete
        VerifySpec verify = profile.getSpec().getVerify() == null
                ? new VerifySpec()
                : profile.getSpec().getVerify();
        PodSettingsSpec worker = verify.getWorker() != null
                ? verify.getWorker()
                : profile.getSpec().getWorker() != null ? profile.getSpec().getWorker() : new PodSettingsSpec();
        return WorkerStatefulSet.build(
                profile,
                fleet,
                new WorkerStatefulSet.PodSet(
                        FleetNames.verifiers(profile),
                        FleetNames.verifierLabels(profile),
                        FleetNames.verifierSelector(profile),
                        List.of(
                                "verify",
                                "--live",
                                "--subscription",
                                verify.effectiveSubscription(
                                        profile.getMetadata().getName())),
                        worker,
                        // the workers' volumes hold their files; verifiers write none
                        WorkerVolumes.NONE,
                        fleet.verifierReplicas()));
    }
}

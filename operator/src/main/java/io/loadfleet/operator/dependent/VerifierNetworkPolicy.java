package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;

/** The verifiers' control API is the operator's (and Prometheus'), as the workers' is. */
public class VerifierNetworkPolicy extends CRUDKubernetesDependentResource<NetworkPolicy, LoadProfile> {

    public VerifierNetworkPolicy() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(LoadProfile profile, Context<LoadProfile> context) {
        return WorkerNetworkPolicy.build(
                FleetNames.verifiers(profile),
                profile,
                FleetNames.verifierLabels(profile),
                FleetNames.verifierSelector(profile),
                DesiredFleet.of(context));
    }
}

package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;

/** The StatefulSet's governing headless Service: stable DNS names for the worker pods. */
public class WorkerHeadlessService extends CRUDKubernetesDependentResource<Service, LoadProfile> {

    public WorkerHeadlessService() {
        super(Service.class);
    }

    @Override
    protected Service desired(LoadProfile profile, Context<LoadProfile> context) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(FleetNames.service(profile))
                .withNamespace(profile.getMetadata().getNamespace())
                .withLabels(FleetNames.podLabels(profile))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(FleetNames.selector(profile))
                .addNewPort()
                .withName("control")
                .withPort(DesiredFleet.of(context).controlPort())
                .endPort()
                .endSpec()
                .build();
    }
}

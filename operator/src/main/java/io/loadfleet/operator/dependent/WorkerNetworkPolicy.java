package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;
import java.util.Map;

/**
 * Lets only the operator's pods reach the workers' control API (an unauthenticated PUT
 * /assignment would change the fleet's rate), plus Prometheus from namespaces labelled
 * {@code loadfleet.io/scrape-workers=true}, which serves /metrics on the same port.
 */
public class WorkerNetworkPolicy extends CRUDKubernetesDependentResource<NetworkPolicy, LoadProfile> {
    public static final String SCRAPER_NAMESPACE_LABEL = "loadfleet.io/scrape-workers";

    public WorkerNetworkPolicy() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(LoadProfile profile, Context<LoadProfile> context) {
        return build(profile, DesiredFleet.of(context));
    }

    static NetworkPolicy build(LoadProfile profile, DesiredFleet fleet) {
        return build(
                FleetNames.networkPolicy(profile),
                profile,
                FleetNames.podLabels(profile),
                FleetNames.selector(profile),
                fleet);
    }

    /** The policy for the pods {@code selector} picks: their control API for the operator and Prometheus only. */
    static NetworkPolicy build(
            String name,
            LoadProfile profile,
            Map<String, String> labels,
            Map<String, String> selector,
            DesiredFleet fleet) {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(profile.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(selector)
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom()
                .withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", fleet.operatorNamespace())
                .endNamespaceSelector()
                .withNewPodSelector()
                .addToMatchLabels("app.kubernetes.io/name", "loadfleet-operator")
                .endPodSelector()
                .endFrom()
                .addNewFrom()
                .withNewNamespaceSelector()
                .addToMatchLabels(SCRAPER_NAMESPACE_LABEL, "true")
                .endNamespaceSelector()
                .endFrom()
                .addNewPort()
                .withProtocol("TCP")
                .withPort(new IntOrString(fleet.controlPort()))
                .endPort()
                .endIngress()
                .endSpec()
                .build();
    }
}

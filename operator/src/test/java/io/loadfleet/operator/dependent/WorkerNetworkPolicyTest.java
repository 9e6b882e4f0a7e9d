package io.loadfleet.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.operator.TestProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerNetworkPolicyTest {

    @Test
    void onlyTheOperatorsPodsAndScrapingNamespacesReachTheControlPort() {
        LoadProfile profile = TestProfiles.smartMeter(1_000, false);
        NetworkPolicy policy = WorkerNetworkPolicy.build(
                profile, new DesiredFleet(1, "img", 9090, "ops", "text", WorkerConfig.of(profile), 0));

        assertEquals(
                FleetNames.selector(profile), policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        assertEquals(1, policy.getSpec().getIngress().size());
        assertEquals(new IntOrString(9090), rule.getPorts().get(0).getPort());
        List<NetworkPolicyPeer> from = rule.getFrom();
        assertEquals(2, from.size());
        assertEquals(
                Map.of("kubernetes.io/metadata.name", "ops"),
                from.get(0).getNamespaceSelector().getMatchLabels());
        assertEquals(
                Map.of("app.kubernetes.io/name", "loadfleet-operator"),
                from.get(0).getPodSelector().getMatchLabels());
        assertEquals(
                Map.of(WorkerNetworkPolicy.SCRAPER_NAMESPACE_LABEL, "true"),
                from.get(1).getNamespaceSelector().getMatchLabels());
        assertEquals(null, from.get(1).getPodSelector(), "every pod of a scraping namespace");
    }
}

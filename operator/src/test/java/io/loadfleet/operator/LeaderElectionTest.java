package io.loadfleet.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.loadfleet.operator.OperatorFixture.await;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With LEADER_ELECTION=true the operator takes the Lease, then reconciles. */
@EnableKubernetesMockClient(crud = true)
@Timeout(120)
class LeaderElectionTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void theLeaderHoldsTheLeaseAndReconciles() throws Exception {
        // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the CRUD mock cannot answer.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                        .withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update").endResourceRule().withIncomplete(false).endStatus().build())
                .always();
        OperatorSettings settings = new OperatorSettings("loadfleet/worker:test", List.of(), 18080, 0, true, "test", "loadfleet-system", "json", "0.0.0.0");
        try (OperatorFixture operator = new OperatorFixture(client, settings)) {
            await(Duration.ofSeconds(30), () -> {
                Lease lease = client.leases().inNamespace("test").withName("loadfleet-operator").get();
                return lease != null && lease.getSpec().getHolderIdentity() != null;
            }, () -> "no Lease held");
            operator.apply(LoadProfileReconcilerTest.PROFILE);
            await(Duration.ofSeconds(30), () -> client.apps().statefulSets().inNamespace("test").withName("grid").get() != null,
                    () -> "the leader did not reconcile");
            var env = client.apps().statefulSets().inNamespace("test").withName("grid").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
            assertTrue(env.stream().anyMatch(e -> e.getName().equals("LOG_FORMAT") && e.getValue().equals("json")),
                    "an operator logging JSON gives its workers LOG_FORMAT=json: " + env);
        }
    }
}

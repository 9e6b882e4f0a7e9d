package io.loadfleet.operator.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.loadfleet.operator.cluster.LocalCluster;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Items 1, 2 and 8 of the real-control-plane evidence: {@code kubectl apply -k deploy} is accepted
 * by a real API server (structural CRD schema, PodSecurity-restricted namespace, RBAC), the real
 * Deployment and ReplicaSet controllers make the operator pod, which turns Ready by its own probe;
 * the operator's ServiceAccount can do what its ClusterRole says and nothing more.
 */
@Timeout(1800)
class InstallIT {
    static final String OPERATOR = "system:serviceaccount:loadfleet-system:loadfleet-operator";
    static LocalCluster cluster;

    @BeforeAll
    static void install() {
        cluster = LocalCluster.shared();
        cluster.installOperator();
    }

    @Test
    void theOperatorRunsAsADeploymentPodWithItsServiceAccount() {
        Pod pod = cluster.operatorPod().orElseThrow();
        assertEquals("loadfleet-operator", pod.getSpec().getServiceAccountName());
        assertTrue(
                pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> "ReplicaSet".equals(o.getKind())),
                "made by the ReplicaSet controller: " + pod.getMetadata().getOwnerReferences());
        assertTrue(
                pod.getSpec().getVolumes().stream().anyMatch(v -> v.getName().startsWith("kube-api-access-")),
                "the ServiceAccount admission plugin mounted its token: "
                        + pod.getSpec().getVolumes());
        assertEquals(
                "restricted",
                cluster.admin()
                        .namespaces()
                        .withName(LocalCluster.OPERATOR_NAMESPACE)
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get("pod-security.kubernetes.io/enforce"));
        System.out.printf(
                "install: local cluster started in %.1f s; operator pod %s Ready on %s%n",
                cluster.startupMillis() / 1e3,
                pod.getMetadata().getName(),
                pod.getStatus().getPodIP());
    }

    @Test
    void theOperatorMayDoWhatItsRoleSaysAndNothingMore() {
        for (String allowed : List.of(
                "list loadprofiles.loadfleet.io",
                "watch loadprofiles.loadfleet.io",
                "patch loadprofiles.loadfleet.io --subresource=status",
                "create statefulsets.apps -n any",
                "patch statefulsets.apps -n any",
                "delete statefulsets.apps -n any",
                "get configmaps -n any",
                "create events",
                "list pods",
                "update leases.coordination.k8s.io -n loadfleet-system")) {
            assertEquals("yes", canI(allowed), "the operator may " + allowed);
        }
        for (String denied : List.of(
                "get secrets -n any",
                "list secrets",
                "delete pods -n any",
                "create pods -n any",
                "update loadprofiles.loadfleet.io -n any",
                "create clusterroles.rbac.authorization.k8s.io",
                "get nodes",
                "create serviceaccounts --subresource=token -n any")) {
            assertEquals("no", canI(denied), "the operator may not " + denied);
        }
    }

    @Test
    void explainShowsTheCrdDescriptions() {
        String explained = cluster.kubectlOk(null, "explain", "loadprofile.spec.sink.kafka");
        assertTrue(explained.contains("bootstrapServers") && explained.contains("DESCRIPTION"), explained);
        Captures.write("kubectl-explain-sink-kafka.txt", "$ kubectl explain loadprofile.spec.sink.kafka\n" + explained);
    }

    private static String canI(String what) {
        String[] words = what.split(" ");
        String[] args = new String[words.length + 4];
        args[0] = "auth";
        args[1] = "can-i";
        System.arraycopy(words, 0, args, 2, words.length);
        args[words.length + 2] = "--as";
        args[words.length + 3] = OPERATOR;
        return cluster.kubectl(null, args).stdout().trim();
    }
}

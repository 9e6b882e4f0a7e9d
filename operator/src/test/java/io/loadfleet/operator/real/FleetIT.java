package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.cluster.LocalCluster;
import io.loadfleet.worker.KafkaTopics;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fleet's life on the real control plane (items 3, 4, 5, 7, 8 and 9): a LoadProfile in a
 * namespace that enforces PodSecurity "restricted" → the operator (a pod, with its ServiceAccount
 * only) → a StatefulSet → pods made by the real StatefulSet controller → workers sending to a real
 * Kafka broker. Live edits by kubectl patch, by server-side apply as Argo CD syncs, and through the
 * scale subresource; a worker pod and the operator pod deleted; pause, count, verify; delete and
 * the real garbage collector. The steps run in order on the one fleet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(1800)
class FleetIT {
    static final String NS = "fleet";
    static final String NAME = "meters";
    static final String TOPIC = "real-meters";
    static final Duration WAIT = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();

    LocalCluster cluster;
    KubernetesClient admin;
    EmbeddedKafka kafka;
    Process watch;
    Path watchOutput;
    /** LoadProfile objects as the API server served them, by the phase they were in: Argo CD's health input. */
    final Map<String, String> objectsByPhase = new LinkedHashMap<>();
    List<String> podUids;
    String templateRevision;

    @BeforeAll
    void start() throws Exception {
        cluster = LocalCluster.shared();
        cluster.installOperator();
        admin = cluster.admin();
        kafka = EmbeddedKafka.start();
        KafkaTopics.create(kafka.bootstrapServers(), TOPIC, 6);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
        watchOutput = Files.createTempFile("lp-watch", ".txt");
        watch = cluster.kubectlInBackground(watchOutput, "get", "lp", "-n", NS, "-w");
    }

    @AfterAll
    void stop() throws Exception {
        if (watch != null) {
            watch.destroy();
            Captures.write("kubectl-get-lp-w.txt", "$ kubectl get lp -n fleet -w\n" + Files.readString(watchOutput));
            Files.deleteIfExists(watchOutput);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    String yaml(long rate, int replicas) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: %s, namespace: %s}
                spec:
                  targetRate: %d
                  replicas: %d
                  devices: {count: 10000}
                  generator: {type: smart-meter, seed: 42}
                  format: avro
                  sink: {kafka: {bootstrapServers: "%s", topic: %s, lingerMs: 5, compression: lz4}}
                """.formatted(NAME, NS, rate, replicas, kafka.bootstrapServers(), TOPIC);
    }

    @Test
    @Order(1)
    void aLoadProfileBecomesARunningFleetThroughTheRealControllers() {
        cluster.kubectlOk(yaml(2_000, 2), "apply", "-f", "-");
        capture();
        awaitRate(2_000, 2);
        StatefulSet sts = admin.apps().statefulSets().inNamespace(NS).withName(NAME).get();
        assertEquals("LoadProfile", sts.getMetadata().getOwnerReferences().get(0).getKind(), "owned by its LoadProfile");
        List<Pod> pods = workerPods();
        assertEquals(2, pods.size());
        for (Pod pod : pods) {
            assertEquals("StatefulSet", pod.getMetadata().getOwnerReferences().get(0).getKind(), "made by the StatefulSet controller");
            assertTrue(LocalCluster.ready(pod), pod.getMetadata().getName() + " Ready by its readiness probe");
        }
        podUids = uids(pods);
        templateRevision = sts.getStatus().getUpdateRevision();
        capture();
        Captures.write("kubectl-describe-lp.txt", "$ kubectl describe lp " + NAME + " -n " + NS + "\n"
                + cluster.kubectlOk(null, "describe", "lp", NAME, "-n", NS));
        Captures.write("kubectl-get-fleet.txt", "$ kubectl get lp,statefulsets,pods -n " + NS + " -o wide\n"
                + cluster.kubectlOk(null, "get", "lp,statefulsets,pods", "-n", NS, "-o", "wide"));
    }

    @Test
    @Order(2)
    void kubectlPatchOfTheRateRescalesWithoutTouchingThePods() {
        long epoch = status().getEpoch();
        cluster.kubectlOk(null, "patch", "lp", NAME, "-n", NS, "--type=merge", "-p", "{\"spec\":{\"targetRate\":3000}}");
        awaitRate(3_000, 2);
        assertTrue(status().getEpoch() > epoch, "a new epoch carries the new rate");
        assertTemplateAndPodsUnchanged();
    }

    @Test
    @Order(3)
    void serverSideApplyAsArgoCdSyncsRescalesToo() {
        // Argo CD syncs with server-side apply, its own field manager, and forces conflicts (kubectl patch owns targetRate now)
        cluster.kubectlOk(yaml(4_000, 2), "apply", "--server-side", "--field-manager=argocd-controller", "--force-conflicts", "-f", "-");
        awaitRate(4_000, 2);
        assertTemplateAndPodsUnchanged();
        String managers = cluster.kubectlOk(null, "get", "lp", NAME, "-n", NS, "--show-managed-fields", "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource} {end}");
        assertTrue(managers.contains("argocd-controller/Apply/"), managers);
        assertTrue(managers.matches(".*\\S+/Apply/status.*"), "the operator applies status as a manager of its own: " + managers);
    }

    @Test
    @Order(4)
    void kubectlScaleUsesTheScaleSubresourceAndKeepsTheRate() {
        cluster.kubectlOk(null, "label", "statefulset", NAME, "-n", NS, "team=payments");
        cluster.kubectlOk(null, "scale", "lp", NAME, "-n", NS, "--replicas=3");
        await(WAIT, () -> status().getPhase() == Phase.Rescaling || status().getReplicas() == 3, this::describe);
        capture();
        awaitRate(4_000, 3);
        List<Pod> pods = workerPods();
        assertEquals(3, pods.size());
        assertTrue(uids(pods).containsAll(podUids), "pods 0 and 1 kept running: " + uids(pods) + " vs " + podUids);
        assertEquals(templateRevision, admin.apps().statefulSets().inNamespace(NS).withName(NAME).get().getStatus()
                .getUpdateRevision(), "scaling changed no pod template");
        // item 7: a label of another field manager survives the operator's reconciles of the StatefulSet
        assertEquals("payments", admin.apps().statefulSets().inNamespace(NS).withName(NAME).get().getMetadata()
                .getLabels().get("team"), "the label kubectl added is still there after the operator rescaled the StatefulSet");
        podUids = uids(pods);
    }

    @Test
    @Order(6)
    void aDeletedWorkerPodComesBackWithItsRangeAndTheFleetKeepsItsRate() {
        Pod victim = workerPods().stream().filter(p -> p.getMetadata().getName().endsWith("-1")).findFirst().orElseThrow();
        JsonNode before = workerStatus(victim);
        cluster.kubectlOk(null, "delete", "pod", victim.getMetadata().getName(), "-n", NS, "--wait=false");
        await(WAIT, () -> workerPods().stream().anyMatch(p -> p.getMetadata().getName().equals(victim.getMetadata().getName())
                && !p.getMetadata().getUid().equals(victim.getMetadata().getUid()) && LocalCluster.ready(p)), this::describe);
        awaitRate(4_000, 3);
        Pod replacement = workerPods().stream().filter(p -> p.getMetadata().getName().endsWith("-1")).findFirst().orElseThrow();
        JsonNode after = workerStatus(replacement);
        for (String field : List.of("epoch", "shard", "deviceStart", "deviceEnd")) {
            assertEquals(before.path(field).asLong(), after.path(field).asLong(), field + " of the replacement: " + after);
        }
        assertNotEquals(victim.getStatus().getPodIP(), replacement.getStatus().getPodIP(), "a new pod, a new address");
    }

    @Test
    @Order(7)
    void aDeletedOperatorPodIsReplacedAndTheFleetKeepsItsEpochAndRate() {
        Pod operator = cluster.operatorPod().orElseThrow();
        long epoch = status().getEpoch();
        cluster.kubectlOk(null, "delete", "pod", operator.getMetadata().getName(), "-n", LocalCluster.OPERATOR_NAMESPACE);
        await(WAIT, () -> cluster.operatorPod().filter(p -> !p.getMetadata().getUid().equals(operator.getMetadata().getUid()))
                .isPresent(), () -> "a new operator pod");
        long before = status().getSent();
        await(WAIT, () -> status().getSent() > before + 20_000, this::describe);
        awaitRate(4_000, 3);
        assertEquals(epoch, status().getEpoch(), "the new operator took over the running epoch");
    }

    @Test
    @Order(5)
    void pausedTheBrokerHoldsExactlyWhatTheStatusCallsAcked() {
        long acked = pauseAndSettle();
        long inTopic = KafkaTopics.readAll(kafka.bootstrapServers(), TOPIC, acked).size();
        assertEquals(acked, inTopic, "status.acked is what the broker holds");
        System.out.printf("real fleet: paused with %d records acked, %d in the topic%n", acked, inTopic);
        cluster.kubectlOk(null, "patch", "lp", NAME, "-n", NS, "--type=merge", "-p", "{\"spec\":{\"paused\":false}}");
        awaitRate(4_000, 3);
    }

    @Test
    @Order(8)
    void afterTheDeletionsVerifyFindsNoCopyAndAGapOnlyInTheDeletedPodsShard(@TempDir Path dir) throws Exception {
        pauseAndSettle();
        Path summary = dir.resolve("verify.json");
        Loadfleet.execute("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", TOPIC,
                "--format", "avro", "--generator", "smart-meter", "--idle", "3s", "--summary", summary.toString());
        JsonNode verified = JSON.readTree(Files.readString(summary));
        assertEquals(0, verified.get("duplicates").asLong(), "no record twice across rescales and deletions: " + verified);
        for (JsonNode stream : verified.get("streams")) {
            // the deleted pod's replacement goes on from its shard's schedule: what the old one had not sent is the gap
            if (stream.get("shard").asInt() != 1) {
                assertEquals(0, stream.get("lost").asLong(), "nothing missing outside the deleted pod's shard: " + stream);
            }
        }
        System.out.printf("real fleet: after deleting a worker pod and the operator pod, verify: %d records, %d duplicates%n",
                verified.get("records").asLong(), verified.get("duplicates").asLong());
    }

    /** Pauses the fleet and waits until its counters stop moving with everything sent acked: status.acked. */
    long pauseAndSettle() {
        cluster.kubectlOk(null, "patch", "lp", NAME, "-n", NS, "--type=merge", "-p", "{\"spec\":{\"paused\":true}}");
        await(WAIT, () -> status().getPhase() == Phase.Paused, this::describe);
        long[] last = {-1};
        await(WAIT, () -> {
            long acked = status().getAcked();
            boolean settled = acked == last[0] && acked == status().getSent();
            last[0] = acked;
            sleep(2_500);
            return settled;
        }, this::describe);
        capture();
        return status().getAcked();
    }

    @Test
    @Order(9)
    void anInvalidEditBecomesAStatusConditionAndACompletedRunIsHealthy() {
        cluster.kubectlOk(null, "patch", "lp", NAME, "-n", NS, "--type=merge", "-p",
                "{\"spec\":{\"paused\":false,\"devices\":{\"count\":2}}}");
        await(WAIT, () -> status().getPhase() == Phase.Failed, this::describe);
        capture();
        cluster.kubectlOk("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: short, namespace: %s}
                spec:
                  targetRate: 500
                  devices: {count: 100}
                  generator: {type: temperature}
                  duration: 5s
                  sink: {kafka: {bootstrapServers: "%s", topic: real-short}}
                """.formatted(NS, kafka.bootstrapServers()), "apply", "-f", "-");
        await(WAIT, () -> phaseOf("short") == Phase.Completed, () -> cluster.kubectl(null, "describe", "lp", "short", "-n", NS).output());
        objectsByPhase.put("Completed", cluster.kubectlOk(null, "get", "lp", "short", "-n", NS, "-o", "json"));
    }

    @Test
    @Order(10)
    void argoCdHealthOfEachPhaseAsArgoCdComputesIt() {
        Map<String, String> expected = Map.of("none", "Progressing", "Pending", "Progressing", "Running", "Healthy",
                "Rescaling", "Progressing", "Paused", "Suspended", "Failed", "Degraded", "Completed", "Healthy");
        assertTrue(objectsByPhase.keySet().containsAll(List.of("Running", "Rescaling", "Paused", "Failed", "Completed")),
                "captured phases: " + objectsByPhase.keySet());
        List<String> phases = new ArrayList<>(objectsByPhase.keySet());
        String input = phases.stream().map(p -> objectsByPhase.get(p).replace("\n", "")).collect(Collectors.joining("\n")) + "\n";
        var result = cluster.luaHealth(input);
        List<String> lines = result.lines().toList();
        assertEquals(phases.size(), lines.size(), result);
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < phases.size(); i++) {
            JsonNode health = read(lines.get(i));
            assertEquals(expected.get(phases.get(i)), health.path("status").asText(), phases.get(i) + ": " + health);
            report.append(String.format("%-10s -> %-11s %s%n", phases.get(i), health.path("status").asText(), health.path("message").asText()));
        }
        Captures.write("argocd-health.txt", report.toString());
        System.out.print("Argo CD health (gopher-lua) of real objects:\n" + report);
    }

    @Test
    @Order(11)
    void deletingTheProfileLetsTheGarbageCollectorRemoveTheFleet() {
        cluster.kubectlOk(null, "delete", "lp", NAME, "short", "-n", NS);
        await(WAIT, () -> admin.apps().statefulSets().inNamespace(NS).list().getItems().isEmpty()
                && admin.services().inNamespace(NS).list().getItems().isEmpty()
                && admin.configMaps().inNamespace(NS).list().getItems().stream()
                        .allMatch(c -> c.getMetadata().getName().equals("kube-root-ca.crt"))
                && admin.network().v1().networkPolicies().inNamespace(NS).list().getItems().isEmpty()
                && admin.pods().inNamespace(NS).list().getItems().isEmpty(),
                () -> cluster.kubectl(null, "get", "all,cm,netpol", "-n", NS).output());
        List<String> denied = cluster.forbiddenRequests(InstallIT.OPERATOR);
        assertEquals(List.of(), denied, "the API server refused the operator nothing");
        assertTrue(cluster.auditedRequests(InstallIT.OPERATOR) > 50, "the operator's requests were audited");
    }

    void awaitRate(long rate, int replicas) {
        await(WAIT, () -> {
            LoadProfileStatus s = status();
            return s != null && s.getPhase() == Phase.Running && Integer.valueOf(replicas).equals(s.getReplicas())
                    && Integer.valueOf(replicas).equals(s.getReadyReplicas()) && Long.valueOf(rate).equals(s.getTargetRate())
                    && s.getAchievedRate() != null
                    && Math.abs(s.getAchievedRate() - rate) < rate * 0.1;
        }, this::describe);
        capture();
    }

    void assertTemplateAndPodsUnchanged() {
        assertEquals(podUids, uids(workerPods()), "no pod was restarted");
        assertEquals(templateRevision, admin.apps().statefulSets().inNamespace(NS).withName(NAME).get().getStatus()
                .getUpdateRevision(), "the pod template did not change");
    }

    /** Keeps the object in its current phase (or "none" before the operator wrote a status) for the health check. */
    void capture() {
        String json = cluster.kubectlOk(null, "get", "lp", NAME, "-n", NS, "-o", "json");
        JsonNode phase = read(json).path("status").path("phase");
        objectsByPhase.putIfAbsent(phase.isMissingNode() ? "none" : phase.asText(), json);
    }

    LoadProfileStatus status() {
        LoadProfile lp = admin.resources(LoadProfile.class).inNamespace(NS).withName(NAME).get();
        return lp == null ? null : lp.getStatus();
    }

    Phase phaseOf(String name) {
        LoadProfile lp = admin.resources(LoadProfile.class).inNamespace(NS).withName(name).get();
        return lp == null || lp.getStatus() == null ? null : lp.getStatus().getPhase();
    }

    List<Pod> workerPods() {
        return admin.pods().inNamespace(NS).list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(NAME + "-") && p.getMetadata().getDeletionTimestamp() == null)
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    /** The worker's own account of its assignment, from its control API (GET /status). */
    static JsonNode workerStatus(Pod pod) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + pod.getStatus().getPodIP() + ":8080/status")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return read(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> uids(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getUid()).toList();
    }

    String describe() {
        return cluster.kubectl(null, "get", "lp,pods", "-n", NS, "-o", "wide").output() + "\nstatus: " + status();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static io.loadfleet.operator.real.RealFleet.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.cluster.LocalCluster;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import io.loadfleet.worker.testing.Deliveries;
import io.loadfleet.worker.testing.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fleet's life on the real control plane: a LoadProfile in a namespace that enforces
 * PodSecurity "restricted" → the operator (a pod, with its ServiceAccount only) → a StatefulSet →
 * pods made by the real StatefulSet controller → workers sending to a real Kafka broker. Live edits
 * by kubectl patch, by server-side apply as Argo CD syncs, and through the scale subresource, up and
 * down; pause and count; a worker pod and the operator pod deleted; verify; an invalid edit; a ramp
 * that completes; Argo CD's health of every phase; delete and the real garbage collector. The steps
 * run in order on the one fleet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepsInOrder.class)
@Timeout(1800)
class FleetIT {
    static final String NAME = "meters";
    static final String TOPIC = "real-meters";
    static final long RATE = 6_000;
    static final long RESCALE_RATE = 10_000;
    static final ObjectMapper JSON = new ObjectMapper();

    RealFleet fleet;
    LocalCluster cluster;
    EmbeddedKafka kafka;
    Process watch;
    Path watchOutput;
    /** LoadProfile objects as the API server served them, by the phase they were in: Argo CD's health input. */
    final Map<String, String> objectsByPhase = new LinkedHashMap<>();

    final Map<Long, Integer> replicasOfEpoch = new HashMap<>();
    /** [start, end) wall-clock millis of the rescales, whose per-second record counts are checked once paused. */
    final List<long[]> rescales = new ArrayList<>();

    List<String> podUids;
    String templateRevision;

    @BeforeAll
    void start() throws Exception {
        fleet = new RealFleet("fleet");
        cluster = fleet.cluster;
        kafka = EmbeddedKafka.start();
        KafkaTopics.create(kafka.bootstrapServers(), TOPIC, 8);
        watchOutput = Files.createTempFile("lp-watch", ".txt");
        watch = cluster.kubectlInBackground(watchOutput, "get", "lp", "-n", fleet.namespace, "-w");
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

    String yaml(String name, String topic, long rate, int replicas, String extra) {
        return RealFleet.profile(name, rate, replicas, """
                  generator: {type: smart-meter, seed: 42}
                  format: avro
                  sink: {kafka: {bootstrapServers: "%s", topic: %s, lingerMs: 5, compression: lz4}}
                """.formatted(kafka.bootstrapServers(), topic) + extra);
    }

    @Test
    @Order(1)
    void aLoadProfileBecomesAFleetAtItsRateThroughTheRealControllers() {
        fleet.apply(yaml(NAME, TOPIC, RATE, 2, ""));
        capture();
        fleet.awaitRunning(NAME, RATE, 2);
        capture();
        StatefulSet sts = fleet.admin
                .apps()
                .statefulSets()
                .inNamespace(fleet.namespace)
                .withName(NAME)
                .get();
        assertEquals(
                "LoadProfile", sts.getMetadata().getOwnerReferences().get(0).getKind(), "owned by its LoadProfile");
        List<Pod> pods = fleet.pods(NAME);
        assertEquals(2, pods.size());
        for (Pod pod : pods) {
            assertEquals(
                    "StatefulSet",
                    pod.getMetadata().getOwnerReferences().get(0).getKind(),
                    "made by the StatefulSet controller");
            assertTrue(LocalCluster.ready(pod), pod.getMetadata().getName() + " Ready by its readiness probe");
        }
        podUids = uids(pods);
        templateRevision = sts.getStatus().getUpdateRevision();
        fleet.recordEpochs(NAME, replicasOfEpoch, 2);

        // What the pods acked over ~10 s, and what the operator reported meanwhile (acks come in bursts
        // on this shared 2-core machine, so one 2-s achievedRate sample swings both ways; their mean does not).
        fleet.awaitAcksCaughtUp(NAME);
        long ackedBefore = fleet.ackedByPods(NAME);
        long before = System.nanoTime();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sleep(2_100);
            samples.add(fleet.status(NAME).getAchievedRate());
        }
        double achieved = (fleet.ackedByPods(NAME) - ackedBefore) / ((System.nanoTime() - before) / 1e9);
        double reported =
                samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf(
                "real fleet: pods acked %.0f msg/s over 10.5 s at %d msg/s; status.achievedRate samples %s%n",
                achieved, RATE, samples);
        assertEquals(RATE, achieved, RATE * 0.02, "the fleet sends its target rate");
        assertEquals(RATE, reported, RATE * 0.05, "status.achievedRate reports it: " + samples);
        Captures.write(
                "kubectl-describe-lp.txt",
                "$ kubectl describe lp " + NAME + " -n fleet\n"
                        + cluster.kubectlOk(null, "describe", "lp", NAME, "-n", fleet.namespace));
        Captures.write(
                "kubectl-get-fleet.txt",
                "$ kubectl get lp,statefulsets,pods -n fleet -o wide\n"
                        + cluster.kubectlOk(null, "get", "lp,statefulsets,pods", "-n", fleet.namespace, "-o", "wide"));
    }

    @Test
    @Order(2)
    void kubectlPatchOfTheRateReachesEveryPodWithoutTouchingThem() {
        long epoch = fleet.status(NAME).getEpoch();
        long edited = System.nanoTime();
        fleet.patch(NAME, "{\"spec\":{\"targetRate\":8000}}");
        await(WAIT, () -> fleet.allWorkers(NAME, 2, w -> w.targetRate() == 4_000), () -> fleet.describe(NAME));
        System.out.printf(
                "real fleet: kubectl patch of targetRate -> both pods at the new rate in %.0f ms%n",
                (System.nanoTime() - edited) / 1e6);
        fleet.awaitRunning(NAME, 8_000, 2);
        assertTrue(fleet.status(NAME).getEpoch() > epoch, "a new epoch carries the new rate");
        fleet.recordEpochs(NAME, replicasOfEpoch, 2);
        assertTemplateAndPodsUnchanged();
    }

    @Test
    @Order(3)
    void serverSideApplyAsArgoCdSyncsRescalesToo() {
        // Argo CD syncs with server-side apply, its own field manager, and forces conflicts (kubectl patch owns
        // targetRate now)
        cluster.kubectlOk(
                yaml(NAME, TOPIC, RESCALE_RATE, 2, ""),
                "apply",
                "-n",
                fleet.namespace,
                "--server-side",
                "--field-manager=argocd-controller",
                "--force-conflicts",
                "-f",
                "-");
        fleet.awaitRunning(NAME, RESCALE_RATE, 2);
        fleet.recordEpochs(NAME, replicasOfEpoch, 2);
        assertTemplateAndPodsUnchanged();
        String managers = cluster.kubectlOk(
                null,
                "get",
                "lp",
                NAME,
                "-n",
                fleet.namespace,
                "--show-managed-fields",
                "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource} {end}");
        assertTrue(managers.contains("argocd-controller/Apply/"), managers);
        assertTrue(
                managers.matches(".*\\S+/Apply/status.*"),
                "the operator applies status as a field manager of its own: " + managers);
    }

    @Test
    @Order(4)
    void kubectlScaleUpKeepsTheRateAndTheRunningPods() {
        cluster.kubectlOk(null, "label", "statefulset", NAME, "-n", fleet.namespace, "team=payments");
        long start = System.currentTimeMillis();
        cluster.kubectlOk(null, "scale", "lp", NAME, "-n", fleet.namespace, "--replicas=4");
        // the Rescaling object is kept for the Argo CD health step
        await(
                WAIT,
                () -> {
                    capture();
                    return objectsByPhase.containsKey("Rescaling");
                },
                () -> fleet.describe(NAME));
        fleet.awaitRunning(NAME, RESCALE_RATE, 4);
        fleet.recordEpochs(NAME, replicasOfEpoch, 4);
        sleep(3_000);
        rescales.add(new long[] {start, System.currentTimeMillis()});
        List<Pod> pods = fleet.pods(NAME);
        assertEquals(4, pods.size());
        assertTrue(uids(pods).containsAll(podUids), "pods 0 and 1 kept running: " + uids(pods) + " vs " + podUids);
        assertTemplateUnchanged();
        podUids = uids(pods);
    }

    @Test
    @Order(5)
    void pausedTheBrokerHoldsExactlyStatusAckedAndEverySecondOfTheScaleUpIsWhole() {
        long acked = fleet.pauseAndSettle(NAME);
        capture();
        fleet.recordEpochs(NAME, replicasOfEpoch, 4);
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(kafka.bootstrapServers(), TOPIC, acked);
        assertEquals(acked, records.size(), "status.acked is what the broker holds");
        RealFleet.assertKeysInTheirShardsRange(RealFleet.delivered(records), replicasOfEpoch);
        Deliveries.assertNoGapsOrCopies(RealFleet.delivered(records));
        System.out.printf("real fleet: paused with %d records acked, %d in the topic%n", acked, records.size());
        assertEverySecondHoldsTheRate(records, rescales.get(0), 2 + 4, "2 -> 4 pods");
        fleet.patch(NAME, "{\"spec\":{\"paused\":false}}");
        fleet.awaitRunning(NAME, RESCALE_RATE, 4);
        fleet.recordEpochs(NAME, replicasOfEpoch, 4);
    }

    @Test
    @Order(6)
    void kubectlScaleDownShrinksTheStatefulSetAfterTheSmallerEpochTookOver() {
        // through the scale subresource too, the CRD's rules refuse what the operator could not run
        LocalCluster.Result refused =
                cluster.kubectl(null, "scale", "lp", NAME, "-n", fleet.namespace, "--replicas=20000");
        assertTrue(refused.exit() != 0 && refused.output().contains("spec.replicas"), refused.output());
        long start = System.currentTimeMillis();
        cluster.kubectlOk(null, "scale", "lp", NAME, "-n", fleet.namespace, "--replicas=2");
        await(
                WAIT,
                () -> fleet.pods(NAME).size() == 2
                        && Integer.valueOf(2).equals(fleet.status(NAME).getReplicas()),
                () -> fleet.describe(NAME));
        fleet.awaitRunning(NAME, RESCALE_RATE, 2);
        fleet.recordEpochs(NAME, replicasOfEpoch, 2);
        sleep(3_000);
        rescales.add(new long[] {start, System.currentTimeMillis()});
        podUids = podUids.subList(0, 2);
        assertTemplateAndPodsUnchanged();
        // a label of another field manager survives the operator's server-side applies of the StatefulSet
        assertEquals(
                "payments",
                fleet.admin
                        .apps()
                        .statefulSets()
                        .inNamespace(fleet.namespace)
                        .withName(NAME)
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get("team"),
                "the label kubectl added is still there after two rescales");
    }

    @Test
    @Order(7)
    void aDeletedWorkerPodComesBackWithItsRangeAndTheFleetKeepsItsRate() {
        Pod victim = fleet.pods(NAME).get(1);
        WorkerStatus before = RealFleet.worker(victim).orElseThrow();
        cluster.kubectlOk(null, "delete", "pod", victim.getMetadata().getName(), "-n", fleet.namespace, "--wait=false");
        await(
                WAIT,
                () -> fleet.pods(NAME).stream()
                        .anyMatch(p -> p.getMetadata()
                                        .getName()
                                        .equals(victim.getMetadata().getName())
                                && !p.getMetadata()
                                        .getUid()
                                        .equals(victim.getMetadata().getUid())
                                && LocalCluster.ready(p)),
                () -> fleet.describe(NAME));
        fleet.awaitRunning(NAME, RESCALE_RATE, 2);
        Pod replacement = fleet.pods(NAME).get(1);
        WorkerStatus after = RealFleet.worker(replacement).orElseThrow();
        assertEquals(
                List.of(before.epoch(), before.range()),
                List.of(after.epoch(), after.range()),
                "the replacement runs the same shard");
        podUids = uids(fleet.pods(NAME));
    }

    @Test
    @Order(8)
    void aDeletedOperatorPodIsReplacedAndTheFleetKeepsItsEpochAndRate() {
        Pod operator = cluster.operatorPod().orElseThrow();
        long epoch = fleet.status(NAME).getEpoch();
        String holder = leaseHolder();
        cluster.kubectlOk(
                null, "delete", "pod", operator.getMetadata().getName(), "-n", LocalCluster.OPERATOR_NAMESPACE);
        await(
                WAIT,
                () -> cluster.operatorPod()
                        .filter(p -> !p.getMetadata()
                                .getUid()
                                .equals(operator.getMetadata().getUid()))
                        .isPresent(),
                () -> "a new operator pod");
        long before = fleet.status(NAME).getSent();
        await(WAIT, () -> fleet.status(NAME).getSent() > before + RESCALE_RATE * 3, () -> fleet.describe(NAME));
        fleet.awaitRunning(NAME, RESCALE_RATE, 2);
        assertEquals(epoch, fleet.status(NAME).getEpoch(), "the new operator took over the running epoch");
        assertEquals(podUids, uids(fleet.pods(NAME)), "no worker pod was restarted");
        assertNotEquals(holder, leaseHolder(), "the new operator holds the leader Lease");
    }

    @Test
    @Order(9)
    void afterTheDeletionsVerifyFindsNoCopyAndAGapOnlyInTheDeletedPodsShard(@TempDir Path dir) throws Exception {
        fleet.pauseAndSettle(NAME);
        Path summary = dir.resolve("verify.json");
        Loadfleet.execute(
                "verify",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic",
                TOPIC,
                "--format",
                "avro",
                "--generator",
                "smart-meter",
                "--idle",
                "3s",
                "--summary",
                summary.toString());
        JsonNode verified = JSON.readTree(Files.readString(summary));
        assertEquals(
                0, verified.get("duplicates").asLong(), "no record twice across rescales and deletions: " + verified);
        long gap = 0;
        for (JsonNode stream : verified.get("streams")) {
            // the deleted pod's replacement goes on from its shard's schedule: what the old one had not sent is the gap
            if (stream.get("shard").asInt() == 1) {
                gap += stream.get("lost").asLong();
            } else {
                assertEquals(
                        0, stream.get("lost").asLong(), "nothing missing outside the deleted pod's shard: " + stream);
            }
        }
        System.out.printf(
                "real fleet: after deleting a worker pod and the operator pod, verify: %d records, %d duplicates, "
                        + "%d missing from the deleted pod's shard%n",
                verified.get("records").asLong(), verified.get("duplicates").asLong(), gap);
        assertEverySecondHoldsTheRate(
                KafkaTopics.readAll(
                        kafka.bootstrapServers(), TOPIC, verified.get("records").asLong()),
                rescales.get(1),
                4 + 2,
                "4 -> 2 pods");
    }

    @Test
    @Order(10)
    void anInvalidEditIsAConditionWhileTheFleetRunsOnAndARampCompletesExactly() {
        fleet.patch(NAME, "{\"spec\":{\"paused\":false}}");
        fleet.awaitRunning(NAME, RESCALE_RATE, 2);
        long epoch = fleet.status(NAME).getEpoch();
        // refused at the door by the CRD's CEL rules: nothing stored, nothing changes
        LocalCluster.Result refused = cluster.kubectl(
                null,
                "patch",
                "lp",
                NAME,
                "-n",
                fleet.namespace,
                "--type=merge",
                "-p",
                "{\"spec\":{\"devices\":{\"count\":1}}}");
        assertTrue(refused.exit() != 0 && refused.output().contains("spec.devices.count"), refused.output());
        // stored, and left to the operator's validator: Ready=False naming the field
        fleet.patch(NAME, "{\"spec\":{\"stages\":[{\"duration\":\"0s\",\"targetRate\":100}]}}");
        await(WAIT, () -> fleet.phase(NAME) == Phase.Failed, () -> fleet.describe(NAME));
        capture();
        String message = fleet.condition(NAME, "Ready").orElseThrow().getMessage();
        assertTrue(message.contains("spec.stages[0].duration"), message);
        assertTrue(
                fleet.allWorkers(NAME, 2, w -> w.state() == WorkerState.RUNNING && w.epoch() == epoch),
                "the fleet runs on as it was: " + fleet.workers(NAME));

        // A ramp then a hold, over 2 pods, that completes: 0 -> 2000 msg/s over 2 s (2000 records) then
        // 1 s at 2000 msg/s, split exactly over the pods, and all of it arrives.
        fleet.apply(yaml(
                "burst", "real-burst", 2_000, 2, "  stages: [{duration: 2s, targetRate: 2000}]\n  duration: 3s\n"));
        await(WAIT, () -> fleet.phase("burst") == Phase.Completed, () -> fleet.describe("burst"));
        objectsByPhase.put(
                "Completed", cluster.kubectlOk(null, "get", "lp", "burst", "-n", fleet.namespace, "-o", "json"));
        assertEquals(4_000L, fleet.status("burst").getAcked(), "the ramp's 2000 plus 1 s at 2000 msg/s");
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.readAll(kafka.bootstrapServers(), "real-burst", 4_000);
        Map<Integer, Long> perShard = new TreeMap<>();
        records.forEach(r -> perShard.merge(KafkaTopics.identity(r).shard(), 1L, Long::sum));
        assertEquals(Map.of(0, 2_000L, 1, 2_000L), perShard, "each pod ramps its half");
    }

    @Test
    @Order(11)
    void argoCdHealthOfEachPhaseAsArgoCdComputesIt() {
        Map<String, String> expected = Map.of(
                "none",
                "Progressing",
                "Pending",
                "Progressing",
                "Running",
                "Healthy",
                "Rescaling",
                "Progressing",
                "Paused",
                "Suspended",
                "Failed",
                "Degraded",
                "Completed",
                "Healthy");
        assertTrue(
                objectsByPhase.keySet().containsAll(List.of("Running", "Rescaling", "Paused", "Failed", "Completed")),
                "captured phases: " + objectsByPhase.keySet());
        List<String> phases = new ArrayList<>(objectsByPhase.keySet());
        String input =
                phases.stream()
                                .map(p -> objectsByPhase.get(p).replace("\n", ""))
                                .collect(Collectors.joining("\n")) + "\n";
        List<String> lines = cluster.luaHealth(input).lines().toList();
        assertEquals(phases.size(), lines.size(), String.join("\n", lines));
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < phases.size(); i++) {
            JsonNode health = read(lines.get(i));
            assertEquals(expected.get(phases.get(i)), health.path("status").asText(), phases.get(i) + ": " + health);
            report.append(String.format(
                    "%-10s -> %-11s %s%n",
                    phases.get(i),
                    health.path("status").asText(),
                    health.path("message").asText()));
        }
        Captures.write("argocd-health.txt", report.toString());
        System.out.print("Argo CD health (gopher-lua) of real objects:\n" + report);
    }

    @Test
    @Order(12)
    void deletingTheProfilesLetsTheGarbageCollectorRemoveTheFleet() {
        fleet.deleteAndAwaitGone(NAME);
        fleet.deleteAndAwaitGone("burst");
        // deleteAndAwaitGone found no refused request of the operator in the audit log: it was read
        assertTrue(cluster.auditedRequests(InstallIT.OPERATOR) > 50, "the operator's requests were audited");
    }

    /**
     * By event time (the scheduled send time), every whole second of a rescale's window holds the
     * rate: a gap or an overlap in the hand-over between epochs would show as a short or a long second.
     * Each pod paces from a whole millisecond and all switch at one effective time, so a second with a
     * hand-over may be off by 2 ms of the rate plus one record per pod of either epoch, and no more.
     */
    static void assertEverySecondHoldsTheRate(
            List<ConsumerRecord<byte[], byte[]>> records, long[] window, int podsOfBothEpochs, String what) {
        List<Long> perSecond = Deliveries.perSecond(RealFleet.delivered(records), window[0], window[1]);
        long tolerance = RESCALE_RATE / 500 + podsOfBothEpochs;
        System.out.printf("real fleet: records per second across %s at %d msg/s: %s%n", what, RESCALE_RATE, perSecond);
        for (int second = 0; second < perSecond.size(); second++) {
            assertEquals(
                    RESCALE_RATE,
                    perSecond.get(second),
                    tolerance,
                    "second " + second + " of " + what + ": " + perSecond);
        }
    }

    void assertTemplateAndPodsUnchanged() {
        assertEquals(podUids, uids(fleet.pods(NAME)), "no pod was restarted");
        assertTemplateUnchanged();
    }

    void assertTemplateUnchanged() {
        assertEquals(
                templateRevision,
                fleet.admin
                        .apps()
                        .statefulSets()
                        .inNamespace(fleet.namespace)
                        .withName(NAME)
                        .get()
                        .getStatus()
                        .getUpdateRevision(),
                "the pod template did not change");
    }

    String leaseHolder() {
        return fleet.admin
                .leases()
                .inNamespace(LocalCluster.OPERATOR_NAMESPACE)
                .withName("loadfleet-operator")
                .get()
                .getSpec()
                .getHolderIdentity();
    }

    /** Keeps the object in its current phase (or "none" before the operator wrote a status) for the health check. */
    void capture() {
        String json = cluster.kubectlOk(null, "get", "lp", NAME, "-n", fleet.namespace, "-o", "json");
        JsonNode phase = read(json).path("status").path("phase");
        objectsByPhase.putIfAbsent(phase.isMissingNode() ? "none" : phase.asText(), json);
    }

    static List<String> uids(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getUid()).toList();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

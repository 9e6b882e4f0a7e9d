package io.loadfleet.operator;

import static io.loadfleet.operator.FleetEndToEndTest.ackedByPods;
import static io.loadfleet.operator.FleetEndToEndTest.assertKeysInTheirShardsRange;
import static io.loadfleet.operator.FleetEndToEndTest.awaitAcksCaughtUp;
import static io.loadfleet.operator.FleetEndToEndTest.delivered;
import static io.loadfleet.operator.FleetEndToEndTest.freePort;
import static io.loadfleet.operator.FleetEndToEndTest.pauseAndSettle;
import static io.loadfleet.operator.FleetEndToEndTest.profile;
import static io.loadfleet.operator.FleetEndToEndTest.phase;
import static io.loadfleet.operator.FleetEndToEndTest.podStatuses;
import static io.loadfleet.operator.FleetEndToEndTest.status;
import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.FleetLatency;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.KafkaBroker;
import io.loadfleet.worker.KafkaTopics;
import io.loadfleet.worker.cli.Loadfleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failures a load tool is meant to provoke, on real parts: the operator on the mock API
 * server, pods played by the cluster simulator with real workers, a real Kafka broker that the
 * test stops and starts again.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(300)
class FaultsEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration OUTAGE = Duration.ofSeconds(20);
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();
    KubernetesClient client;

    @Test
    void aBrokerOutageIsReportedThenNothingAckedIsLostOrSentTwice(@TempDir Path dir) throws Exception {
        int port = freePort();
        KafkaTopics.create(kafka.bootstrapServers(), "faults-outage", 4);
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            String yaml = profile(kafka.bootstrapServers(), "outage", "faults-outage", 2_000, 2, "");
            operator.apply(yaml);
            await(WAIT, () -> phase(operator, "outage") == Phase.Running, () -> "status " + status(operator, "outage"));
            Thread.sleep(5_000);
            FleetLatency healthy = operator.get("outage").getStatus().getLatency();
            assertTrue(healthy != null && healthy.publishMs().count() > 0 && healthy.publishMs().p99() < 1_000,
                    "the pods' merged latency is in status: " + healthy);

            long down = System.nanoTime();
            kafka.stop();
            await(WAIT, () -> degraded(operator, "outage").isPresent(), () -> "status " + status(operator, "outage"));
            Condition during = degraded(operator, "outage").orElseThrow();
            double noticedAfter = (System.nanoTime() - down) / 1e9;
            assertEquals("Backpressure", during.getReason(), during.getMessage());
            assertEquals(Phase.Running, phase(operator, "outage"), "the fleet keeps running through the outage");
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
            kafka.restart();
            long up = System.nanoTime();
            await(WAIT, () -> degraded(operator, "outage").isEmpty(), () -> "status " + status(operator, "outage"));
            double recoveredAfter = (System.nanoTime() - up) / 1e9;

            // Back at target: the backlog has drained, then the pods ack 2,000 msg/s again.
            awaitAcksCaughtUp(cluster);
            long ackedBefore = ackedByPods(cluster);
            long before = System.nanoTime();
            Thread.sleep(6_000);
            double rate = (ackedByPods(cluster) - ackedBefore) / ((System.nanoTime() - before) / 1e9);
            assertEquals(2_000, rate, 2_000 * 0.03, "the fleet resumes its target rate");
            long errors = podStatuses(cluster).stream().mapToLong(WorkerStatus::errors).sum();
            assertEquals(0, errors, "the producer retried through the outage: no send failed");
            // Measured from the intended send time, the records that waited out the outage show it.
            FleetLatency after = operator.get("outage").getStatus().getLatency();
            assertTrue(after.publishMs().max() >= OUTAGE.toMillis() / 2.0, "no coordinated omission: " + after);

            long acked = pauseAndSettle(operator, cluster, yaml + "  paused: true\n");
            JsonNode verified = verify(dir, "faults-outage");
            System.out.printf("faults: broker down %d s at 2000 msg/s: Degraded (%s) after %.1f s: \"%s\"; Healthy "
                            + "%.1f s after the restart; then %.0f msg/s; publish latency %s; verify: %d records, "
                            + "%d lost, %d duplicates (status.acked %d)%n", OUTAGE.toSeconds(), during.getReason(),
                    noticedAfter, during.getMessage(), recoveredAfter, rate, after.publishMs(),
                    verified.get("records").asLong(), verified.get("lost").asLong(),
                    verified.get("duplicates").asLong(), acked);
            assertEquals(0, verified.get("exit").asInt(), "verify exits 0: nothing lost, nothing doubled");
            assertEquals(0, verified.get("lost").asLong());
            assertEquals(0, verified.get("duplicates").asLong());
            assertEquals(acked, verified.get("records").asLong(), "every acked record is in the topic once");
        }
    }

    @Test
    void aKilledPodsReplacementResumesItsShardWithinTwoSeconds(@TempDir Path dir) throws Exception {
        int port = freePort();
        KafkaTopics.create(kafka.bootstrapServers(), "faults-kill", 3);
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile(kafka.bootstrapServers(), "kill", "faults-kill", 3_000, 3, ""));
            await(WAIT, () -> phase(operator, "kill") == Phase.Running && podStatuses(cluster).stream()
                    .allMatch(s -> s.state() == WorkerState.RUNNING), () -> "status " + status(operator, "kill"));
            Thread.sleep(3_000);
            long epoch = operator.get("kill").getStatus().getEpoch();
            ClusterSimulator.RunningPod killedPod = cluster.pods().get("kill-1");
            WorkerStatus old = killedPod.status();

            long killed = System.nanoTime();
            cluster.deletePod("kill-1");
            await(WAIT, () -> replacement(cluster, killedPod).filter(s -> s.epoch() == epoch).isPresent(),
                    () -> "pods " + podStatuses(cluster));
            long assigned = System.nanoTime();
            ClusterSimulator.RunningPod pod = cluster.pods().get("kill-1");
            double afterReady = (assigned - pod.readyAtNanos().get()) / 1e9;
            WorkerStatus resumed = pod.status();
            System.out.printf("faults: pod kill-1 killed; replacement ready after %.2f s, running epoch %d shard %d "
                            + "[%d, %d) %.2f s after it was ready%n", (pod.readyAtNanos().get() - killed) / 1e9,
                    resumed.epoch(), resumed.shard(), resumed.deviceStart(), resumed.deviceEnd(), afterReady);
            assertTrue(afterReady <= 2.0, "assignment within 2 s of readiness, took " + afterReady + " s");
            assertEquals(old.shard(), resumed.shard());
            assertEquals(old.deviceStart(), resumed.deviceStart(), "the same device range");
            assertEquals(old.deviceEnd(), resumed.deviceEnd(), "the same device range");
            assertEquals(epoch, operator.get("kill").getStatus().getEpoch(), "a replaced pod is no new plan");

            long acked = pauseAndSettle(operator, cluster, profile(kafka.bootstrapServers(), "kill", "faults-kill", 3_000,
                    3, "  paused: true\n"));
            var records = delivered(KafkaTopics.readAll(kafka.bootstrapServers(), "faults-kill", acked));
            assertTrue(records.stream().anyMatch(r -> r.shard() == 1 && r.epoch() == epoch), "shard 1 sent again");
            assertKeysInTheirShardsRange(records, Map.of(epoch, 3));

            // The replacement numbers its records on from where shard 1's schedule was: no sequence number twice,
            // and the records the killed pod never sent (or had in flight) are the one gap, in shard 1 only.
            JsonNode verified = verify(dir, "faults-kill");
            long gap = 0;
            for (JsonNode stream : verified.get("streams")) {
                if (stream.get("shard").asInt() == 1) {
                    gap = stream.get("lost").asLong();
                } else {
                    assertEquals(0, stream.get("lost").asLong(), "nothing missing from the other shards: " + stream);
                }
            }
            System.out.printf("faults: after the kill, verify: %d records, %d duplicates, %d missing from shard 1%n",
                    verified.get("records").asLong(), verified.get("duplicates").asLong(), gap);
            assertEquals(0, verified.get("duplicates").asLong(), "no sequence number twice");
            assertTrue(gap > 0 && gap < 3_000, "shard 1 misses what was due while it was down: " + gap);
        }
    }

    @Test
    void aRestartedOperatorAdoptsTheRunningEpochAndTheRateHolds() throws Exception {
        int port = freePort();
        KafkaTopics.create(kafka.bootstrapServers(), "faults-restart", 2);
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile(kafka.bootstrapServers(), "restart", "faults-restart", 4_000, 2, ""));
            await(WAIT, () -> phase(operator, "restart") == Phase.Running, () -> "status " + status(operator, "restart"));
            awaitAcksCaughtUp(cluster);
            LoadProfile before = operator.get("restart");
            long epoch = before.getStatus().getEpoch();

            long ackedBefore = ackedByPods(cluster);
            long start = System.nanoTime();
            operator.restart();
            // The new operator has written status of its own once acked there passes what the pods had.
            await(WAIT, () -> operator.get("restart").getStatus().getAcked() > ackedBefore,
                    () -> "status " + status(operator, "restart"));
            Thread.sleep(6_000);
            double rate = (ackedByPods(cluster) - ackedBefore) / ((System.nanoTime() - start) / 1e9);
            LoadProfile after = operator.get("restart");
            long epochApplied = client.v1().events().inNamespace("test").list().getItems().stream()
                    .filter(e -> "EpochApplied".equals(e.getReason()) && "restart".equals(e.getInvolvedObject().getName()))
                    .count();
            System.out.printf("faults: operator restarted: pods acked %.0f msg/s across it at 4000 msg/s; epoch %d -> %d;"
                    + " EpochApplied events %d%n", rate, epoch, after.getStatus().getEpoch(), epochApplied);
            assertEquals(4_000, rate, 4_000 * 0.03, "the fleet's rate is unaffected");
            assertEquals(epoch, after.getStatus().getEpoch(), "the new operator adopts the current epoch");
            assertTrue(podStatuses(cluster).stream().allMatch(s -> s.epoch() == epoch), "no pod was re-assigned");
            assertEquals(1, epochApplied, "no new epoch was pushed");
            assertEquals(before.getStatus().getStartTime(), after.getStatus().getStartTime(), "the fleet's clock is kept");
        }
    }

    @Test
    void sendsThatFailAreCountedAndReported() throws Exception {
        int port = freePort();
        KafkaTopics.create(kafka.bootstrapServers(), "faults-errors", 1);
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            // Short producer timeouts, so records fail within seconds of the broker going away.
            operator.apply(profile(kafka.bootstrapServers(), "errors", "faults-errors", 500, 1, "").replace("compression: lz4}",
                    "compression: lz4, properties: {max.block.ms: '1000', request.timeout.ms: '1000', delivery.timeout.ms: '1500'}}"));
            await(WAIT, () -> phase(operator, "errors") == Phase.Running, () -> "status " + status(operator, "errors"));
            kafka.stop();
            try {
                await(WAIT, () -> degraded(operator, "errors").filter(c -> "WorkerErrors".equals(c.getReason())).isPresent(),
                        () -> "status " + status(operator, "errors"));
            } finally {
                kafka.restart();
            }
            Condition why = degraded(operator, "errors").orElseThrow();
            long errors = podStatuses(cluster).stream().mapToLong(WorkerStatus::errors).sum();
            System.out.println("faults: failing sends: " + errors + " errors; Degraded " + why.getReason() + ": " + why.getMessage());
            assertTrue(errors > 0 && operator.get("errors").getStatus().getErrors() > 0, "failed sends are counted");
            assertTrue(why.getMessage().contains("new send error(s); last: "), why.getMessage());
            await(WAIT, () -> degraded(operator, "errors").isEmpty(), () -> "status " + status(operator, "errors"));
        }
    }

    @Test
    void aBrokerUnreachableFromTheStartIsDegradedNotASilentWait() throws Exception {
        int port = freePort();
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile("127.0.0.1:1", "nobroker", "faults-none", 1_000, 2, ""));
            await(WAIT, () -> degraded(operator, "nobroker").isPresent(), () -> "status " + status(operator, "nobroker"));
            Condition why = degraded(operator, "nobroker").orElseThrow();
            System.out.println("faults: unreachable broker: Degraded " + why.getReason() + ": " + why.getMessage());
            assertEquals("SinkUnreachable", why.getReason());
            assertTrue(why.getMessage().contains("127.0.0.1:1"), "names the address: " + why.getMessage());
            assertEquals(Phase.Pending, phase(operator, "nobroker"), "no epoch without a connected pod");
        }
    }

    /** {@code loadfleet verify} of a topic as a user runs it: its summary, plus its exit code as {@code exit}. */
    private static JsonNode verify(Path dir, String topic) throws Exception {
        Path summary = dir.resolve(topic + "-verify.json");
        int exit = Loadfleet.execute("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic,
                "--format", "avro", "--generator", "iot-sensor", "--idle", "3s", "--summary", summary.toString());
        return ((ObjectNode) new ObjectMapper().readTree(Files.readString(summary)))
                .put("exit", exit);
    }

    /** The status of the pod that replaced a killed one, once it runs. */
    private static Optional<WorkerStatus> replacement(ClusterSimulator cluster, ClusterSimulator.RunningPod killed) {
        ClusterSimulator.RunningPod pod = cluster.pods().get(killed.name());
        return pod == null || pod == killed ? Optional.empty() : Optional.of(pod.status())
                .filter(s -> s.state() == WorkerState.RUNNING);
    }

    private static Optional<Condition> degraded(OperatorFixture operator, String name) {
        LoadProfile lp = operator.get(name);
        return lp == null || lp.getStatus() == null ? Optional.empty() : lp.getStatus().getConditions().stream()
                .filter(c -> Condition.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }
}

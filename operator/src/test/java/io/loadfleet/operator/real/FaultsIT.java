package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static io.loadfleet.operator.real.RealFleet.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.FleetLatency;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures a load tool is meant to provoke, on the real control plane with worker pods and a
 * real Kafka broker that the test stops and starts again: an outage mid-run, sends that fail, and
 * a broker unreachable from the start; and a StatefulSet the API server's admission refuses.
 * (Deleting a worker pod and the operator pod: {@link FleetIT}.)
 */
@Timeout(900)
class FaultsIT {
    static final Duration OUTAGE = Duration.ofSeconds(20);

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    static RealFleet fleet;

    @BeforeAll
    static void namespace() {
        fleet = new RealFleet("faults");
    }

    static String profile(
            String bootstrapServers, String name, String topic, long rate, int replicas, String kafkaExtra) {
        return RealFleet.profile(name, rate, replicas, """
                  generator: {type: iot-sensor, seed: 7}
                  format: avro
                  sink: {kafka: {bootstrapServers: "%s", topic: %s, lingerMs: 5, compression: lz4%s}}
                """.formatted(bootstrapServers, topic, kafkaExtra));
    }

    @Test
    void aBrokerOutageIsReportedThenNothingAckedIsLostOrSentTwice(@TempDir Path dir) throws Exception {
        KafkaTopics.create(kafka.bootstrapServers(), "faults-outage", 4);
        fleet.apply(profile(kafka.bootstrapServers(), "outage", "faults-outage", 2_000, 2, ""));
        fleet.awaitRunning("outage", 2_000, 2);
        sleep(5_000);
        FleetLatency healthy = fleet.status("outage").getLatency();
        assertTrue(
                healthy != null && healthy.publishMs().count() > 0,
                "the pods' merged latency is in status: " + healthy);

        long down = System.nanoTime();
        kafka.stop();
        Condition during;
        double noticedAfter;
        double recoveredAfter;
        try {
            await(WAIT, () -> fleet.degraded("outage").isPresent(), () -> fleet.describe("outage"));
            during = fleet.degraded("outage").orElseThrow();
            fleet.awaitDegradedEvent("outage", during.getReason());
            noticedAfter = (System.nanoTime() - down) / 1e9;
            assertEquals("Backpressure", during.getReason(), during.getMessage());
            assertEquals(Phase.Running, fleet.phase("outage"), "the fleet keeps running through the outage");
            sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
        } finally {
            kafka.restart();
        }
        long up = System.nanoTime();
        await(WAIT, () -> fleet.degraded("outage").isEmpty(), () -> fleet.describe("outage"));
        recoveredAfter = (System.nanoTime() - up) / 1e9;

        fleet.awaitAcksCaughtUp("outage");
        long ackedBefore = fleet.ackedByPods("outage");
        long before = System.nanoTime();
        sleep(6_000);
        double rate = (fleet.ackedByPods("outage") - ackedBefore) / ((System.nanoTime() - before) / 1e9);
        assertEquals(2_000, rate, 2_000 * 0.03, "the fleet resumes its target rate");
        assertEquals(
                0,
                fleet.workers("outage").stream()
                        .mapToLong(s -> s.counters().errors())
                        .sum(),
                "the producer retried through the outage: no send failed");
        FleetLatency after = fleet.status("outage").getLatency();
        assertTrue(after.publishMs().max() >= OUTAGE.toMillis() / 2.0, "no coordinated omission: " + after);

        long acked = fleet.pauseAndSettle("outage");
        Path summary = dir.resolve("verify.json");
        int exit = Loadfleet.execute(
                "verify",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic",
                "faults-outage",
                "--format",
                "avro",
                "--generator",
                "iot-sensor",
                "--idle",
                "3s",
                "--summary",
                summary.toString());
        JsonNode verified = new ObjectMapper().readTree(Files.readString(summary));
        System.out.printf(
                "real faults: broker down %d s at 2000 msg/s: Degraded (%s) after %.1f s: \"%s\"; Healthy %.1f s "
                        + "after the restart; then %.0f msg/s; publish latency %s; verify: %d records, %d lost, %d duplicates "
                        + "(status.acked %d)%n",
                OUTAGE.toSeconds(),
                during.getReason(),
                noticedAfter,
                during.getMessage(),
                recoveredAfter,
                rate,
                after.publishMs(),
                verified.get("records").asLong(),
                verified.get("lost").asLong(),
                verified.get("duplicates").asLong(),
                acked);
        assertEquals(0, exit, "verify exits 0: nothing lost, nothing doubled");
        assertEquals(0, verified.get("duplicates").asLong());
        assertEquals(acked, verified.get("records").asLong(), "every acked record is in the topic once");
        fleet.deleteAndAwaitGone("outage");
    }

    @Test
    void sendsThatFailAreCountedAndReported() throws Exception {
        KafkaTopics.create(kafka.bootstrapServers(), "faults-errors", 1);
        // short producer timeouts, so records fail within seconds of the broker going away
        fleet.apply(profile(
                kafka.bootstrapServers(),
                "errors",
                "faults-errors",
                500,
                1,
                ", properties: {max.block.ms: '1000', request.timeout.ms: '1000', delivery.timeout.ms: '1500'}"));
        fleet.awaitRunning("errors", 500, 1);
        kafka.stop();
        try {
            await(
                    WAIT,
                    () -> fleet.degraded("errors")
                            .filter(c -> "WorkerErrors".equals(c.getReason()))
                            .isPresent(),
                    () -> fleet.describe("errors"));
        } finally {
            kafka.restart();
        }
        Condition why = fleet.degraded("errors").orElseThrow();
        fleet.awaitDegradedEvent("errors", "WorkerErrors");
        long errors = fleet.workers("errors").stream()
                .mapToLong(s -> s.counters().errors())
                .sum();
        System.out.println("real faults: failing sends: " + errors + " errors; Degraded " + why.getReason() + ": "
                + why.getMessage());
        assertTrue(errors > 0 && fleet.status("errors").getErrors() > 0, "failed sends are counted");
        assertTrue(why.getMessage().contains("new send error(s); last: "), why.getMessage());
        await(WAIT, () -> fleet.degraded("errors").isEmpty(), () -> fleet.describe("errors"));
        fleet.deleteAndAwaitGone("errors");
    }

    @Test
    void aBrokerUnreachableFromTheStartIsDegradedNotASilentWait() {
        fleet.apply(profile("127.0.0.1:1", "nobroker", "faults-none", 1_000, 2, ""));
        await(WAIT, () -> fleet.degraded("nobroker").isPresent(), () -> fleet.describe("nobroker"));
        Condition why = fleet.degraded("nobroker").orElseThrow();
        System.out.println("real faults: unreachable broker: Degraded " + why.getReason() + ": " + why.getMessage());
        assertEquals("SinkUnreachable", why.getReason());
        fleet.awaitDegradedEvent("nobroker", "SinkUnreachable");
        assertTrue(why.getMessage().contains("127.0.0.1:1"), "names the address: " + why.getMessage());
        assertEquals(Phase.Pending, fleet.phase("nobroker"), "no epoch without a connected pod");
        assertTrue(
                fleet.pods("nobroker").stream().noneMatch(io.loadfleet.operator.cluster.LocalCluster::ready),
                "the pods are not Ready by their readiness probe");
        fleet.deleteAndAwaitGone("nobroker");
    }

    /**
     * An admission policy refuses the fleet's StatefulSet: the pass fails inside JOSDK's workflow, and
     * the API server's message reaches the status and an Event; once the policy is gone and the spec is
     * touched again, the fleet runs and the condition clears.
     */
    @Test
    void aStatefulSetRefusedByAdmissionIsInTheStatusWithTheApiServersMessage() {
        String policy = """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: loadfleet-test-refuse-fleet}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [statefulsets]}
                  validations:
                  - expression: "!has(object.metadata.labels) || object.metadata.labels[?'loadfleet.io/profile'].orValue('') != 'refused'"
                    message: "this namespace allows no fleet called refused"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: loadfleet-test-refuse-fleet}
                spec:
                  policyName: loadfleet-test-refuse-fleet
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: faults}}
                """;
        fleet.cluster.kubectlOk(policy, "apply", "-f", "-");
        String probe = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: probe, labels: {loadfleet.io/profile: refused}}
                spec:
                  selector: {matchLabels: {app: probe}}
                  template:
                    metadata: {labels: {app: probe}}
                    spec: {containers: [{name: c, image: none}]}
                """;
        // a new policy takes effect once the API server has loaded it
        await(
                Duration.ofSeconds(30),
                () -> fleet.cluster
                                .kubectl(probe, "create", "--dry-run=server", "-n", "faults", "-f", "-")
                                .exit()
                        != 0,
                () -> "the policy does not refuse yet");
        try {
            fleet.apply(profile(kafka.bootstrapServers(), "refused", "faults-refused", 500, 1, ""));
            await(
                    WAIT,
                    () -> fleet.condition("refused", Condition.READY)
                            .filter(c -> "ReconcileFailed".equals(c.getReason()))
                            .isPresent(),
                    () -> fleet.describe("refused"));
            Condition ready = fleet.condition("refused", Condition.READY).orElseThrow();
            System.out.println("real faults: refused StatefulSet: Ready " + ready.getStatus() + " " + ready.getReason()
                    + ": " + ready.getMessage());
            assertEquals("False", ready.getStatus());
            assertTrue(
                    ready.getMessage().contains("this namespace allows no fleet called refused"), ready.getMessage());
            assertEquals(
                    "ReconcileFailed", fleet.degraded("refused").orElseThrow().getReason());
            assertTrue(
                    fleet.cluster
                            .kubectlOk(
                                    null,
                                    "get",
                                    "events",
                                    "-n",
                                    "faults",
                                    "--field-selector",
                                    "involvedObject.name=refused,reason=ReconcileFailed",
                                    "-o",
                                    "name")
                            .contains("event"),
                    "a Warning Event says so too");
        } finally {
            fleet.cluster.kubectlOk(policy, "delete", "--ignore-not-found", "-f", "-");
        }
        await(
                Duration.ofSeconds(30),
                () -> fleet.cluster
                                .kubectl(probe, "create", "--dry-run=server", "-n", "faults", "-f", "-")
                                .exit()
                        == 0,
                () -> "the policy still refuses");
        fleet.patch("refused", "{\"spec\":{\"targetRate\":600}}");
        fleet.awaitRunning("refused", 600, 1);
        assertTrue(fleet.degraded("refused").isEmpty(), () -> fleet.describe("refused"));
        fleet.deleteAndAwaitGone("refused");
    }
}

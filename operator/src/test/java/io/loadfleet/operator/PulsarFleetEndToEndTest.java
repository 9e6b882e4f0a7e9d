package io.loadfleet.operator;

import io.loadfleet.worker.PulsarBroker;
import static io.loadfleet.operator.FleetEndToEndTest.assertKeysInTheirShardsRange;
import static io.loadfleet.operator.FleetEndToEndTest.phase;
import static io.loadfleet.operator.FleetEndToEndTest.podStatuses;
import static io.loadfleet.operator.FleetEndToEndTest.recordEpochs;
import static io.loadfleet.operator.FleetEndToEndTest.status;
import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.Delivered;
import io.loadfleet.worker.PulsarTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The end-to-end fleet once more with a Pulsar sink, which the operator handles like any other:
 * a real Pulsar standalone broker, a partitioned topic the workers create, Avro through the
 * topic's schema, a live rate change, a scale-up, a pause, and every acked message read back.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(300)
class PulsarFleetEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();
    KubernetesClient client;

    static String profile(long rate, int replicas, String extra) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: sensors, namespace: test}
                spec:
                  targetRate: %d
                  replicas: %d
                  devices: {count: 10000}
                  generator: {type: iot-sensor, seed: 7}
                  format: avro
                  sink:
                    pulsar:
                      serviceUrl: %s
                      adminUrl: %s
                      topic: iot-sensor-data
                      partitions: 4
                      compression: LZ4
                      batching: {enabled: true, maxDelayMs: 1, maxMessages: 1000, maxBytes: 131072}
                %s""".formatted(rate, replicas, pulsar.serviceUrl(), pulsar.adminUrl(), extra);
    }

    @Test
    void aFleetSendsToPulsarAndFollowsItsLoadProfile() throws Exception {
        int port = FleetEndToEndTest.freePort();
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile(4_000, 2, ""));
            await(WAIT, () -> phase(operator, "sensors") == Phase.Running, () -> "status " + status(operator, "sensors"));
            Map<Long, Integer> replicasOfEpoch = new HashMap<>();
            recordEpochs(cluster, replicasOfEpoch, 2);

            // The pods' sends over ~10 s (a broker that lags at either end of the window must not count
            // against the pacing), then the acks catching up, and the mean of what the status reported.
            FleetEndToEndTest.awaitAcksCaughtUp(cluster);
            long sentBefore = FleetEndToEndTest.sentByPods(cluster);
            long before = System.nanoTime();
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(2_100);
                samples.add(operator.get("sensors").getStatus().getAchievedRate());
            }
            long sentInWindow = FleetEndToEndTest.sentByPods(cluster) - sentBefore;
            double achieved = sentInWindow / ((System.nanoTime() - before) / 1e9);
            FleetEndToEndTest.awaitAcksCaughtUp(cluster);
            System.out.printf("e2e pulsar: pods sent %.0f msg/s at 4000 msg/s; status.achievedRate samples %s%n", achieved, samples);
            assertEquals(4_000, achieved, 4_000 * 0.02, "the fleet sends its target rate");
            assertEquals(4_000, samples.stream().mapToDouble(Double::doubleValue).average().orElse(0), 4_000 * 0.05,
                    "status.achievedRate reports it: " + samples);

            // A live rate change, then a scale-up: the new epochs reach every pod.
            operator.apply(profile(8_000, 2, ""));
            await(Duration.ofSeconds(10), () -> cluster.pods().values().stream()
                    .allMatch(p -> p.status().targetRate() == 4_000), () -> "pods " + podStatuses(cluster));
            recordEpochs(cluster, replicasOfEpoch, 2);
            Thread.sleep(2_000);
            operator.apply(profile(8_000, 3, ""));
            await(WAIT, () -> cluster.pods().size() == 3 && operator.get("sensors").getStatus().getReplicas() == 3
                    && phase(operator, "sensors") == Phase.Running, () -> "status " + status(operator, "sensors"));
            recordEpochs(cluster, replicasOfEpoch, 3);
            Thread.sleep(2_000);

            // Pause: everything sent is acked, and the topic holds exactly status.acked messages.
            long acked = FleetEndToEndTest.pauseAndSettle(operator, cluster, profile(8_000, 3, "  paused: true\n"));
            recordEpochs(cluster, replicasOfEpoch, 3);
            List<Delivered> messages = PulsarTopics.readAll(pulsar.serviceUrl(), "iot-sensor-data", acked,
                    m -> PulsarTopics.delivered(m, "device_id"));
            System.out.println("e2e pulsar: paused after " + acked + " acked; the topic holds " + messages.size());
            assertEquals(acked, messages.size(), "topic message count == status.acked");
            assertKeysInTheirShardsRange(messages, replicasOfEpoch);
            FleetEndToEndTest.assertNoGapsOrCopies(messages);
            messages.forEach(m -> assertEquals(m.key(), m.idInValue(), "decoded through the topic's schema"));

            client.resource(operator.get("sensors")).delete();
            await(WAIT, () -> cluster.pods().isEmpty(), () -> "left: " + cluster.pods().keySet());
        }
    }
}

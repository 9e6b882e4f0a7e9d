package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static io.loadfleet.operator.real.RealFleet.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.Deliveries;
import io.loadfleet.worker.testing.PulsarBroker;
import io.loadfleet.worker.testing.PulsarTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Pulsar fleet on the real control plane: a real Pulsar standalone broker (its own JVM), worker
 * pods run by the real StatefulSet controller, a live rate change, 2 → 3 pods, a pause, and every
 * acked message read back through the topic's schema.
 */
@Timeout(900)
class PulsarFleetIT {
    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    static String profile(long rate, int replicas) {
        return RealFleet.profile("sensors", rate, replicas, """
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
                """.formatted(pulsar.serviceUrl(), pulsar.adminUrl()));
    }

    @Test
    void aFleetSendsToPulsarAndFollowsItsLoadProfile() throws Exception {
        RealFleet fleet = new RealFleet("pulsar");
        Map<Long, Integer> replicasOfEpoch = new HashMap<>();
        fleet.apply(profile(3_000, 2));
        fleet.awaitRunning("sensors", 3_000, 2);
        fleet.recordEpochs("sensors", replicasOfEpoch, 2);
        fleet.awaitAcksCaughtUp("sensors");
        long sentBefore = fleet.workers("sensors").stream()
                .mapToLong(s -> s.counters().sent())
                .sum();
        long before = System.nanoTime();
        sleep(10_000);
        double sent = (fleet.workers("sensors").stream()
                                .mapToLong(s -> s.counters().sent())
                                .sum()
                        - sentBefore)
                / ((System.nanoTime() - before) / 1e9);
        System.out.printf("real pulsar fleet: pods sent %.0f msg/s at 3000 msg/s%n", sent);
        assertEquals(3_000, sent, 3_000 * 0.02, "the fleet sends its target rate");

        fleet.patch("sensors", "{\"spec\":{\"targetRate\":6000}}");
        await(
                WAIT,
                () -> fleet.allWorkers("sensors", 2, w -> w.targetRate() == 3_000),
                () -> fleet.describe("sensors"));
        fleet.recordEpochs("sensors", replicasOfEpoch, 2);
        sleep(2_000);
        fleet.cluster.kubectlOk(null, "scale", "lp", "sensors", "-n", fleet.namespace, "--replicas=3");
        fleet.awaitRunning("sensors", 6_000, 3);
        fleet.recordEpochs("sensors", replicasOfEpoch, 3);
        sleep(2_000);

        long acked = fleet.pauseAndSettle("sensors");
        fleet.recordEpochs("sensors", replicasOfEpoch, 3);
        List<Delivered> messages = PulsarTopics.readAll(
                pulsar.serviceUrl(), "iot-sensor-data", acked, m -> PulsarTopics.delivered(m, "device_id"));
        System.out.println("real pulsar fleet: paused after " + acked + " acked; the topic holds " + messages.size());
        assertEquals(acked, messages.size(), "topic message count == status.acked");
        RealFleet.assertKeysInTheirShardsRange(messages, replicasOfEpoch);
        Deliveries.assertNoGapsOrCopies(messages);
        messages.forEach(m -> assertEquals(m.key(), m.idInValue(), "decoded through the topic's schema"));
        fleet.deleteAndAwaitGone("sensors");
    }
}

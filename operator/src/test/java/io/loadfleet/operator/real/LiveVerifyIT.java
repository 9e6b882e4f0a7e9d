package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static io.loadfleet.operator.real.RealFleet.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.testing.FaultySinkDecorator;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.PulsarBroker;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live verification (spec.verify) on the real control plane: verifier pods run by the real StatefulSet
 * controller read a real Kafka topic while the fleet sends, and status.verify proves nothing acked was
 * lost or duplicated through a rate change, 4 → 6 → 3 workers, 2 → 3 verifiers (partitions moving between
 * live verifiers), a worker pod and a verifier pod deleted,
 * and the broker stopped for 20 s; its end-to-end latency agrees with an independent consumer's. And on
 * Kafka and Pulsar, worker pods of the faulty-worker test image that drop chosen records while reporting
 * them acked, and send others twice, are found out exactly: those lost, those duplicated, and where.
 */
@Timeout(900)
class LiveVerifyIT {
    static final String TOPIC = "live-verify";
    static final int PARTITIONS = 6;
    static final Duration GRACE = Duration.ofSeconds(15);

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    /** Shard 1 of every epoch drops these records while reporting them acked, and sends those twice. */
    static final List<Long> DROPPED = List.of(5L, 6L, 7L, 1500L, 2999L);

    static final List<Long> DOUBLED = List.of(10L, 11L, 2000L);

    static RealFleet fleet;

    @BeforeAll
    static void namespace() {
        fleet = new RealFleet("live-verify");
    }

    static String profile(String name, String topic, long rate, int replicas) {
        return RealFleet.profile(
                name, rate, replicas, """
                  generator: {type: iot-sensor, seed: 7}
                  format: avro
                  sink: {kafka: {bootstrapServers: "%s", topic: %s, lingerMs: 5, compression: lz4}}
                  verify: {replicas: 2, grace: %ds}
                """.formatted(kafka.bootstrapServers(), topic, GRACE.toSeconds()));
    }

    @Test
    void nothingAckedIsLostOrDuplicatedThroughChangesAndFaults() throws Exception {
        KafkaTopics.create(kafka.bootstrapServers(), TOPIC, PARTITIONS);
        try (IndependentConsumer independent = new IndependentConsumer(kafka.bootstrapServers(), TOPIC)) {
            fleet.apply(profile("live", TOPIC, 2_000, 4));
            fleet.awaitRunning("live", 2_000, 4);
            VerifyStatus started = awaitVerifying("live");
            sleep(3_000);

            fleet.patch("live", "{\"spec\":{\"targetRate\":3000}}");
            fleet.awaitRunning("live", 3_000, 4);
            fleet.patch("live", "{\"spec\":{\"replicas\":6}}");
            fleet.awaitRunning("live", 3_000, 6);
            fleet.patch("live", "{\"spec\":{\"replicas\":3}}");
            fleet.awaitRunning("live", 3_000, 3);
            sleep(2_000);

            // partitions move between live verifiers: 2 → 3 of them moves four of the six
            long moving = fleet.status("live").getVerify().records();
            fleet.patch("live", "{\"spec\":{\"verify\":{\"replicas\":3}}}");
            await(WAIT, () -> verifiersReady("live", 3), () -> fleet.describe("live"));
            await(
                    WAIT,
                    () -> fleet.status("live").getVerify().records() > moving + 6_000,
                    () -> fleet.describe("live"));

            deletePod("live-1");
            fleet.awaitRunning("live", 3_000, 3);
            long before = fleet.status("live").getVerify().records();
            deletePod("live-verify-0");
            await(WAIT, () -> verifiersReady("live", 3), () -> fleet.describe("live"));
            await(
                    WAIT,
                    () -> fleet.status("live").getVerify().records() > before + 3_000,
                    () -> fleet.describe("live"));

            kafka.stop();
            try {
                sleep(20_000);
            } finally {
                kafka.restart();
            }
            await(WAIT, () -> fleet.degraded("live").isEmpty(), () -> fleet.describe("live"));
            sleep(3_000);

            long acked = fleet.pauseAndSettle("live");
            await(WAIT, () -> fleet.status("live").getVerify().lag() == 0, () -> "lag: " + fleet.describe("live"));
            sleep(GRACE.toMillis() + 4_000); // everything acked is now past its grace
            VerifyStatus v = fleet.status("live").getVerify();
            independent.awaitAtLeast(v.records(), WAIT);
            LatencyPercentiles theirs = independent.latency();
            System.out.printf(
                    "real live verify: %d acked; status.verify from epoch %d: %d records, %d lost, %d duplicates, %d"
                            + " out of order, %d foreign, %d undecodable, %d lag; e2e %s; independent consumer %s%n",
                    acked,
                    v.fromEpoch(),
                    v.records(),
                    v.lost(),
                    v.duplicates(),
                    v.outOfOrder(),
                    v.foreign(),
                    v.undecodable(),
                    v.lag(),
                    v.e2eLatencyMs(),
                    theirs);
            assertEquals(0, v.lost(), v.toString());
            assertEquals(0, v.duplicates(), v.toString());
            assertEquals(0, v.undecodable(), v.toString());
            assertEquals(0, v.foreign(), v.toString());
            assertEquals(List.of(), v.firstMissing());
            assertTrue(v.fromEpoch() >= started.fromEpoch());
            assertTrue(v.records() > acked / 2, "the verifiers read the fleet's records: " + v);
            // The same records, consumed by two consumers in two processes at about the same time, on two cores
            // shared with a dozen JVMs: their latencies agree to the consumers' read loops and this machine's
            // scheduling (and the verifier deleted above, and the partitions moved, wait for a pass), not to the
            // histogram's precision. In six runs the verifiers' median ran 24-93 ms above the independent
            // consumer's (docs/guarantees.md; not explained yet); a verifier that measured from another time, or in
            // other units, is off by far more.
            assertEquals(theirs.p50(), v.e2eLatencyMs().p50(), Math.max(250, theirs.p50() * 2), "median e2e");
            assertEquals(theirs.max(), v.e2eLatencyMs().max(), Math.max(10_000, theirs.max() * 0.5), "max e2e");
            String wide = fleet.cluster.kubectlOk(null, "get", "lp", "live", "-n", fleet.namespace, "-o", "wide");
            assertTrue(wide.lines().findFirst().orElseThrow().contains("LOST"), wide);
            fleet.deleteAndAwaitGone("live");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void droppedAndDoubledRecordsAreCountedExactly(String broker) throws Exception {
        String name = "faulty-" + broker;
        String sink = broker.equals("kafka")
                ? "{kafka: {bootstrapServers: \"%s\", topic: %s, partitions: 4, lingerMs: 5}}"
                        .formatted(kafka.bootstrapServers(), name)
                : "{pulsar: {serviceUrl: \"%s\", adminUrl: \"%s\", topic: %s, partitions: 4}}"
                        .formatted(pulsar.serviceUrl(), pulsar.adminUrl(), name);
        fleet.apply(RealFleet.profile(
                name, 1_000, 2, """
                  generator: {type: temperature, seed: 3}
                  sink: %s
                  verify: {grace: 10s, worker: {}}
                  worker:
                    image: ghcr.io/loadfleet/loadfleet-faulty-worker:test
                    jvmOptions: ["-D%s=shard=1;drop=%s;double=%s"]
                """.formatted(sink, FaultySinkDecorator.PROPERTY, list(DROPPED), list(DOUBLED))));
        fleet.awaitRunning(name, 1_000, 2);
        long judged = awaitVerifying(name).fromEpoch();
        // shard 1 sends 500 msg/s: its record 2999 of the judged epoch leaves 6 s into it
        await(
                WAIT,
                () -> fleet.workers(name).stream()
                        .flatMap(w -> w.streams().stream())
                        .anyMatch(s -> s.shard() == 1 && s.epoch() == judged && s.through() > 3_500),
                () -> fleet.describe(name));
        fleet.pauseAndSettle(name);
        await(WAIT, () -> fleet.status(name).getVerify().lag() == 0, () -> fleet.describe(name));
        sleep(10_000 + 4_000); // past the grace: what is unseen now is lost
        VerifyStatus v = fleet.status(name).getVerify();
        System.out.printf("real live verify, %s with faults: %s%n", broker, v);

        assertEquals(DROPPED.size(), v.lost(), v.toString());
        assertEquals(DOUBLED.size(), v.duplicates(), v.toString());
        assertEquals(List.of(new VerifyStatus.MissingRecords(name, 1, judged, DROPPED)), v.firstMissing());
        Condition degraded = fleet.degraded(name).orElseThrow();
        assertEquals("RecordsLost", degraded.getReason(), degraded.getMessage());
        assertTrue(degraded.getMessage().contains("shard 1 epoch " + judged), degraded.getMessage());
        fleet.awaitDegradedEvent(name, "RecordsLost");
        String wide = fleet.cluster.kubectlOk(null, "get", "lp", name, "-n", fleet.namespace, "-o", "wide");
        assertTrue(wide.lines().skip(1).findFirst().orElseThrow().matches(".*Paused\\s+5\\s+.*"), wide);
        fleet.deleteAndAwaitGone(name);
    }

    static String list(List<Long> sequences) {
        return sequences.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    /** Waits until the fleet runs an epoch the verifiers judge from, and they have counted records. */
    static VerifyStatus awaitVerifying(String name) {
        await(
                WAIT,
                () -> {
                    VerifyStatus v = fleet.status(name).getVerify();
                    return v != null && v.fromEpoch() != null && v.records() > 0;
                },
                () -> fleet.describe(name));
        return fleet.status(name).getVerify();
    }

    static boolean verifiersReady(String name, int replicas) {
        var set = fleet.admin
                .apps()
                .statefulSets()
                .inNamespace(fleet.namespace)
                .withName(name + "-verify")
                .get();
        return set != null
                && set.getStatus() != null
                && Integer.valueOf(replicas).equals(set.getStatus().getReadyReplicas());
    }

    static void deletePod(String pod) {
        fleet.cluster.kubectlOk(null, "delete", "pod", pod, "-n", fleet.namespace, "--wait=false");
    }

    /** A plain Kafka consumer of the whole topic, from its end when started: consume time minus event time. */
    static final class IndependentConsumer implements AutoCloseable {
        private final Histogram micros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        IndependentConsumer(String bootstrapServers, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(
                    () -> {
                        try (consumer) {
                            while (running.get()) {
                                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                                    long latency = Math.max(0, System.currentTimeMillis() - r.timestamp());
                                    synchronized (micros) {
                                        micros.recordValue(Math.min(
                                                TimeUnit.MILLISECONDS.toMicros(latency),
                                                micros.getHighestTrackableValue()));
                                    }
                                }
                            }
                        } catch (RuntimeException brokerGoneAtTheEnd) {
                            // the test is over
                        }
                    },
                    "independent-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        void awaitAtLeast(long records, Duration wait) {
            await(wait, () -> count() >= records, () -> "independent consumer has " + count() + " of " + records);
        }

        long count() {
            synchronized (micros) {
                return micros.getTotalCount();
            }
        }

        LatencyPercentiles latency() {
            synchronized (micros) {
                return LatencyPercentiles.ofMicros(micros);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}

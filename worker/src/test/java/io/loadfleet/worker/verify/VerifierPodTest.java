package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.VerifierAssignment;
import io.loadfleet.api.control.VerifierAssignment.PartitionStart;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SendListener;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.PulsarBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@code verify --live}'s pod against a real Kafka and a real Pulsar, through its HTTP API as the operator
 * drives it: a topic of 3 partitions, records with loadfleet's identity sent by the sinks themselves. The
 * heart of it is exactness: reports taken of verifiers that restart or hand a partition on add up to
 * exactly what was sent, no record counted twice and none skipped.
 */
@Timeout(300)
class VerifierPodTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<PartitionStart> EVERY_PARTITION_AT_ITS_END =
            List.of(new PartitionStart(0, null), new PartitionStart(1, null), new PartitionStart(2, null));

    /** The sink of {@code broker} (kafka or pulsar) into {@code topic}, 3 partitions, created by the producer. */
    static SinkSpec sink(String broker, String topic) {
        SinkSpec sink = new SinkSpec();
        if (broker.equals("kafka")) {
            KafkaSinkSpec spec = new KafkaSinkSpec();
            spec.setBootstrapServers(kafka.bootstrapServers());
            spec.setTopic(topic);
            spec.setPartitions(3);
            sink.setKafka(spec);
        } else {
            PulsarSinkSpec spec = new PulsarSinkSpec();
            spec.setServiceUrl(pulsar.serviceUrl());
            spec.setAdminUrl(pulsar.adminUrl());
            spec.setTopic(topic);
            spec.setPartitions(3);
            sink.setPulsar(spec);
        }
        return sink;
    }

    static WorkerConfig config(String broker, String topic) {
        GeneratorSpec generator = new GeneratorSpec();
        generator.setType(GeneratorType.TEMPERATURE);
        return new WorkerConfig("vp", generator, Format.JSON, sink(broker, topic), null, null, null);
    }

    /** Sends records of profile vp, epoch 1, keyed by device so they spread over the partitions, and keeps what it sent. */
    static final class Producer implements AutoCloseable {
        final RecordSink sink;
        final Map<Integer, RoaringBitmap> sent = new TreeMap<>();
        final AtomicLong failed = new AtomicLong();

        Producer(WorkerConfig config) {
            sink = SinkTarget.of(config.sink(), null, null)
                    .open("verifier-pod-test", Format.JSON, Generators.schema(GeneratorType.TEMPERATURE));
        }

        /** Sends sequences [from, from + count) of {@code shard}, and waits until the broker acknowledged them. */
        void send(int shard, long from, long count) {
            OutgoingRecord r = new OutgoingRecord("vp", shard, 1);
            SendListener listener = new SendListener() {
                @Override
                public void acked(long intendedNanos, long sequence) {}

                @Override
                public void failed(long intendedNanos, long sequence, Exception error) {
                    failed.incrementAndGet();
                }
            };
            for (long seq = from; seq < from + count; seq++) {
                r.sequence = seq;
                r.key = ("device-" + seq % 20).getBytes(StandardCharsets.UTF_8);
                r.value = ("{\"seq\": " + seq + "}").getBytes(StandardCharsets.UTF_8);
                r.eventTimeMillis = System.currentTimeMillis();
                r.intendedNanos = System.nanoTime();
                sink.send(r, listener);
                sent.computeIfAbsent(shard, s -> new RoaringBitmap()).add((int) seq);
            }
            sink.flush();
            assertEquals(0, failed.get(), "every send acknowledged");
        }

        long total() {
            return sent.values().stream()
                    .mapToLong(RoaringBitmap::getLongCardinality)
                    .sum();
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    /** A verifier pod on a free loopback port, connected, and the operator's requests to it. */
    static final class Verifier implements AutoCloseable {
        final VerifierPod pod;

        Verifier(WorkerConfig config) throws Exception {
            this(config, SinkTarget.of(config.sink(), null, null));
        }

        Verifier(WorkerConfig config, SinkTarget target) throws Exception {
            SecretFiles none = new SecretFiles(Path.of("no-secrets"));
            pod = new VerifierPod(
                    config,
                    target,
                    new GeneratorInputs(Path.of("no-config-maps"), none),
                    "loadfleet-verify-test",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        Verifier connected() throws Exception {
            assertTrue(pod.connect(Duration.ofSeconds(1), problem -> {}));
            return this;
        }

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> put(String json) throws Exception {
            return HTTP.send(
                    HttpRequest.newBuilder(uri("/verify/assignment"))
                            .PUT(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + pod.port() + path);
        }

        VerifierReport report() throws Exception {
            HttpResponse<String> answer = get("/verify/report");
            assertEquals(200, answer.statusCode(), answer.body());
            return JSON.readValue(answer.body(), VerifierReport.class);
        }

        /** Applies an assignment, which must be taken, and returns the report as of that moment. */
        VerifierReport assign(long version, List<PartitionStart> partitions) throws Exception {
            HttpResponse<String> answer = put(JSON.writeValueAsString(new VerifierAssignment(version, partitions)));
            assertEquals(200, answer.statusCode(), answer.body());
            return JSON.readValue(answer.body(), VerifierReport.class);
        }

        /** Its report once it holds at least {@code records}; a bounded wait, not a timed assertion. */
        VerifierReport awaitRecords(long records) throws Exception {
            return awaitReport(r -> r.records() >= records, records + " records");
        }

        VerifierReport awaitReport(Predicate<VerifierReport> done, String what) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            VerifierReport report = report();
            while (!done.test(report) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                report = report();
            }
            assertTrue(done.test(report), "waited 60 s for " + what + ": " + report);
            return report;
        }

        @Override
        public void close() {
            pod.close();
        }
    }

    /** Each stream's sequences, by shard (every stream here is profile vp, epoch 1). */
    static Map<Integer, RoaringBitmap> ledger(VerifierReport report) {
        Map<Integer, RoaringBitmap> seen = new TreeMap<>();
        for (VerifierReport.StreamLedger s : report.streams()) {
            assertEquals("vp", s.profile());
            assertEquals(1, s.epoch());
            seen.put(s.shard(), BitmapCodec.decode(s.seen()));
        }
        return seen;
    }

    /** The two reports together counted exactly what was sent: their ledgers' union, no record in both. */
    static void assertExactlyOnceBetween(VerifierReport first, VerifierReport second, Producer sent) {
        Map<Integer, RoaringBitmap> a = ledger(first);
        Map<Integer, RoaringBitmap> b = ledger(second);
        Map<Integer, RoaringBitmap> union = new TreeMap<>();
        for (int shard : sent.sent.keySet()) {
            RoaringBitmap inA = a.getOrDefault(shard, new RoaringBitmap());
            RoaringBitmap inB = b.getOrDefault(shard, new RoaringBitmap());
            assertEquals(
                    0,
                    RoaringBitmap.andCardinality(inA, inB),
                    "shard " + shard + ": counted by both: " + RoaringBitmap.and(inA, inB));
            union.put(shard, RoaringBitmap.or(inA, inB));
        }
        assertEquals(sent.sent, union, "every record sent, and nothing else");
        assertEquals(sent.total(), first.records() + second.records(), first + " + " + second);
        for (VerifierReport r : List.of(first, second)) {
            assertTrue(r.streams().stream().allMatch(s -> s.duplicates() == 0 && s.outOfOrder() == 0), r.toString());
            assertEquals(0, r.foreign());
            assertEquals(0, r.undecodable());
        }
    }

    static List<PartitionStart> startsAt(List<VerifierReport.PartitionPosition> positions) {
        return positions.stream()
                .map(p -> new PartitionStart(p.partition(), p.position()))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void aVerifierOfEveryPartitionCountsExactlyWhatIsSentFromItsAssignmentOn(String broker) throws Exception {
        WorkerConfig config = config(broker, "vp-all-" + broker);
        try (Producer before = new Producer(config);
                Verifier verifier = new Verifier(config).connected()) {
            before.send(0, 0, 500); // in the topic before the assignment: not counted, it starts at the ends

            HttpResponse<String> badPosition = verifier.put(
                    "{\"version\": 1, \"partitions\": [{\"partition\": 0, \"position\": \"not-a-position\"}]}");
            assertEquals(400, badPosition.statusCode(), badPosition.body());
            assertTrue(badPosition.body().contains("partitions[0].position: "), badPosition.body());

            VerifierReport assigned = verifier.assign(1, EVERY_PARTITION_AT_ITS_END);
            assertEquals(3, assigned.topicPartitions());
            assertEquals(
                    List.of(0, 1, 2),
                    assigned.positions().stream().map(p -> p.partition()).toList());
            assertTrue(assigned.positioned(), "each end found before the answer: " + assigned);
            assertEquals(0, assigned.records());
            if (broker.equals("kafka")) {
                long ends = assigned.positions().stream()
                        .mapToLong(p -> Long.parseLong(p.position()))
                        .sum();
                assertEquals(500, ends, "the offsets after the records already there");
            }

            try (Producer after = new Producer(config)) {
                after.send(0, 0, 2000);
                after.send(1, 0, 1500);
                VerifierReport report = verifier.awaitRecords(3500);
                assertEquals(after.sent, ledger(report));
                assertEquals(3500, report.records());
                assertTrue(report.streams().stream().allMatch(s -> s.duplicates() == 0 && s.outOfOrder() == 0));
                assertEquals(0, report.foreign());
                assertEquals(0, report.undecodable());
                assertNull(report.problem());
                assertEquals(3500, HistogramCodec.decode(report.e2eLatency()).getTotalCount());
                assertEquals(
                        2,
                        report.streams().stream().filter(s -> s.records() > 0).count(),
                        "shards 0 and 1 of epoch 1");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void aRestartedVerifierGoesOnExactlyAfterTheLastReport(String broker) throws Exception {
        WorkerConfig config = config(broker, "vp-restart-" + broker);
        try (Producer producer = new Producer(config)) {
            VerifierReport last;
            try (Verifier first = new Verifier(config).connected()) {
                first.assign(1, EVERY_PARTITION_AT_ITS_END);
                producer.send(0, 0, 2000);
                first.awaitRecords(2000);
                producer.send(0, 2000, 2000);
                last = first.report(); // while it still reads: some of these 2,000, or all, or none
                if (broker.equals("kafka")) {
                    long next = last.positions().stream()
                            .mapToLong(p -> Long.parseLong(p.position()))
                            .sum();
                    assertEquals(last.records(), next, "the positions are after exactly the records counted");
                }
                System.out.printf(
                        "%s restart: the last report counted %,d of the 4,000 records sent before it%n",
                        broker, last.records());
                first.awaitRecords(4000); // it counts on after the report: that is lost with it
            } // closed without a last report, as a killed pod
            producer.send(0, 4000, 1000);
            producer.send(1, 0, 1000);
            try (Verifier second = new Verifier(config).connected()) {
                VerifierReport resumed = second.assign(1, startsAt(last.positions()));
                assertEquals(last.positions(), resumed.positions(), "it starts where the last report ends");
                VerifierReport report = second.awaitRecords(producer.total() - last.records());
                assertExactlyOnceBetween(last, report, producer);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void aPartitionMovesBetweenLiveVerifiersWithoutARecordCountedTwiceOrSkipped(String broker) throws Exception {
        WorkerConfig config = config(broker, "vp-move-" + broker);
        try (Producer producer = new Producer(config);
                Verifier a = new Verifier(config).connected();
                Verifier b = new Verifier(config).connected()) {
            a.assign(1, EVERY_PARTITION_AT_ITS_END);
            assertEquals(List.of(), b.assign(1, List.of()).positions(), "it reads nothing yet");
            producer.send(0, 0, 2000);
            a.awaitRecords(2000);
            producer.send(0, 2000, 2000);

            // partition 2 moves from a to b while a reads on
            // (a partition it reads already goes on where it is: the position given for it is not used)
            VerifierReport let = a.assign(2, List.of(new PartitionStart(0, "ignored"), new PartitionStart(1, null)));
            assertEquals(
                    List.of(0, 1),
                    let.positions().stream().map(p -> p.partition()).toList());
            assertEquals(1, let.released().size(), let.toString());
            VerifierReport.PartitionPosition handedOn = let.released().get(0);
            assertEquals(2, handedOn.partition());
            VerifierReport took = b.assign(2, List.of(new PartitionStart(2, handedOn.position())));
            assertEquals(List.of(handedOn), took.positions());

            producer.send(0, 4000, 1000);
            producer.send(1, 0, 1000);
            VerifierReport fromA = a.awaitReport(
                    r -> r.records() + reportOf(b).records() >= producer.total(), "a and b to hold every record");
            VerifierReport fromB = b.report();
            assertEquals(List.of(handedOn), fromA.released(), "what it let go of stays let go of");
            assertTrue(
                    ledger(fromB).values().stream()
                                    .mapToLong(RoaringBitmap::getLongCardinality)
                                    .sum()
                            > 0,
                    "b counted partition 2's records after the move");
            assertExactlyOnceBetween(fromA, fromB, producer);
        }
    }

    static VerifierReport reportOf(Verifier verifier) {
        try {
            return verifier.report();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theApiRefusesBadAssignmentsNamingTheFieldAndOlderVersionsWithItsReport() throws Exception {
        WorkerConfig config = config("kafka", "vp-api");
        try (Producer producer = new Producer(config);
                Verifier verifier = new Verifier(config).connected()) {
            assertEquals(200, verifier.get("/healthz").statusCode());
            assertEquals("ready\n", verifier.get("/readyz").body());
            Map<String, String> refused = new HashMap<>();
            refused.put("{\"version\": 0, \"partitions\": []}", "version: 0 must be 1 or more");
            refused.put("{\"version\": 1, \"partitions\": [{\"partition\": -1}]}", "partitions[0]: needs a partition");
            refused.put("{\"version\": 1, \"partitions\": [{\"position\": \"5\"}]}", "partitions[0].partition: ");
            refused.put("{\"version\": 1, \"partitions\": [{\"partition\": 7}]}", "partitions[0].partition: 7 is not");
            refused.put(
                    "{\"version\": 1, \"partitions\": [{\"partition\": 1, \"position\": \"-3\"}]}",
                    "partitions[0].position: \\\"-3\\\" is not a Kafka offset");
            refused.put("{\"version\": 1, \"partitions\": [{\"partition\": 1}, {\"partition\": 1}]}", "listed twice");
            refused.put("{\"version\": 1, \"partition\": []}", "partition");
            refused.put("{\"version\": \"soon\"}", "version: ");
            refused.put("", "not a verifier assignment: ");
            for (var bad : refused.entrySet()) {
                HttpResponse<String> answer = verifier.put(bad.getKey());
                assertEquals(400, answer.statusCode(), bad.getKey() + ": " + answer.body());
                assertTrue(answer.body().contains(bad.getValue()), bad.getKey() + ": " + answer.body());
            }
            assertEquals(0, verifier.report().version(), "nothing taken");

            verifier.assign(2, List.of(new PartitionStart(0, "0"), new PartitionStart(1, null)));
            HttpResponse<String> stale = verifier.put("{\"version\": 1, \"partitions\": [{\"partition\": 2}]}");
            assertEquals(409, stale.statusCode(), stale.body());
            VerifierReport current = JSON.readValue(stale.body(), VerifierReport.class);
            assertEquals(2, current.version());
            assertEquals(
                    List.of(0, 1),
                    current.positions().stream().map(p -> p.partition()).toList());
            HttpResponse<String> changedInPlace =
                    verifier.put("{\"version\": 2, \"partitions\": [{\"partition\": 2}]}");
            assertEquals(409, changedInPlace.statusCode(), "a change needs a new version");
            assertEquals(
                    200,
                    verifier.put("{\"version\": 2, \"partitions\": [{\"partition\": 1}, {\"partition\": 0}]}")
                            .statusCode(),
                    "the running version again: taken as it is");
            assertEquals(405, verifier.get("/verify/assignment").statusCode());

            producer.send(0, 0, 300);
            verifier.awaitReport(r -> r.records() > 0, "records of partitions 0 and 1");
            String body = verifier.get("/verify/report").body();
            VerifierReport report = JSON.readValue(body, VerifierReport.class);
            assertEquals(JSON.readTree(body), JSON.readTree(JSON.writeValueAsString(report)), "a lossless round trip");
            String metrics = verifier.get("/metrics").body();
            assertTrue(metrics.contains("loadfleet_verify_records_total "), metrics);
            assertTrue(metrics.contains("loadfleet_verify_duplicates_total 0.0"), metrics);
            assertTrue(metrics.contains("loadfleet_verify_e2e_latency_seconds_bucket{le="), metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
        }
    }

    @Test
    void unreadyAndSayingWhyWhileTheBrokerDoesNotAnswer() throws Exception {
        WorkerConfig config = config("kafka", "vp-nowhere");
        int closedPort = io.loadfleet.childjvm.ChildJvm.freePort();
        SinkTarget nowhere =
                SinkTarget.of(config.sink(), "127.0.0.1:" + closedPort, null).withConnectTimeout(Duration.ofSeconds(1));
        Verifier verifier = new Verifier(config, nowhere);
        List<String> attempts = new ArrayList<>();
        Thread connecting = new Thread(() -> {
            try {
                assertFalse(verifier.pod.connect(Duration.ofMillis(200), attempts::add), "closed first");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        connecting.start();
        try {
            VerifierReport report = verifier.awaitReport(r -> r.problem() != null, "a failed attempt");
            assertTrue(report.problem().contains("127.0.0.1:" + closedPort), report.problem());
            assertEquals(0, report.topicPartitions(), "not known yet");
            assertNotNull(report.incarnation());
            HttpResponse<String> readyz = verifier.get("/readyz");
            assertEquals(503, readyz.statusCode());
            assertTrue(readyz.body().startsWith("not ready: connecting to kafka://127.0.0.1:"), readyz.body());
            HttpResponse<String> assign = verifier.put("{\"version\": 1, \"partitions\": [{\"partition\": 0}]}");
            assertEquals(503, assign.statusCode(), assign.body());
        } finally {
            verifier.close();
            connecting.join();
        }
        assertFalse(attempts.isEmpty(), "each failed attempt is told");
    }
}

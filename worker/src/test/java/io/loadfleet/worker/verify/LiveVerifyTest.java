package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.engine.LocalRun;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.FaultySink;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.PulsarBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code run --verify} on a real Kafka broker and a real Pulsar broker: the live verifier consumes
 * while the shards send and
 * accounts for every acknowledged record exactly, counting a clean run clean and a sink that drops
 * acknowledged records and sends others twice by exactly what it did.
 */
@Timeout(180)
class LiveVerifyTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    @TempDir
    Path dir;

    /** A sink of {@code broker} (kafka or pulsar) into a topic of 3 partitions. */
    static String sink(String broker, String topic) {
        return broker.equals("kafka")
                ? "{kafka: {topic: " + topic + ", partitions: 3}}"
                : "{pulsar: {serviceUrl: \"" + pulsar.serviceUrl() + "\", adminUrl: \"" + pulsar.adminUrl()
                        + "\", topic: " + topic + ", partitions: 3}}";
    }

    static String profile(String broker, String topic, String format) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: live}
                spec:
                  targetRate: 2000
                  replicas: 2
                  duration: 3s
                  devices: {count: 100}
                  generator: {type: smart-meter}
                  format: %s
                  sink: %s
                """.formatted(format, sink(broker, topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void aCleanRunIsVerifiedRecordForRecord(String broker) throws Exception {
        // records of an earlier run in the topic are not this run's: the verifier starts at the topic's end
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, profile(broker, "live-clean", "avro"));
        try (ConsoleCapture console = new ConsoleCapture()) {
            String[] args = {
                "run",
                profile.toString(),
                broker.equals("kafka") ? "--bootstrap-servers" : "--service-url",
                broker.equals("kafka") ? kafka.bootstrapServers() : pulsar.serviceUrl(),
                "--verify",
                "--summary",
                dir.resolve("s.json").toString()
            };
            assertEquals(0, Loadfleet.execute(args), console.err());
            assertEquals(0, Loadfleet.execute(args), "a second run into the same topic: " + console.err());
            assertTrue(console.out().contains("0 lost, 0 duplicates"), console.out());
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("s.json").toFile());
        JsonNode verify = summary.get("verify");
        assertEquals(6000, summary.get("acked").asLong(), "2,000 msg/s for 3 s");
        assertEquals(summary.get("acked").asLong(), verify.get("records").asLong(), verify.toString());
        for (String none : List.of("lost", "duplicates", "outOfOrder", "foreign", "undecodable", "lag")) {
            assertEquals(0, verify.get(none).asLong(), none + ": " + verify);
        }
        assertTrue(verify.get("e2eLatencyMs").get("count").asLong() == 6000, verify.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void droppedAndDoubledRecordsAreCountedExactly(String broker) throws Exception {
        LoadProfile profile = ProfileLoader.parse(profile(broker, "live-faulty", "json"));
        RecordShape shape = Generators.shape(profile.getSpec().getGenerator(), null);
        SinkTarget target = broker.equals("kafka")
                ? SinkTarget.of(profile.getSpec().getSink(), kafka.bootstrapServers(), null)
                : SinkTarget.of(profile.getSpec().getSink(), null, null);
        Set<Long> dropped = Set.of(5L, 6L, 7L, 1500L, 2999L);
        Set<Long> doubled = Set.of(10L, 11L, 2000L);
        FaultySink sink = new FaultySink(
                target.open("test", profile.getSpec().effectiveFormat(), shape.schema()), 1, dropped, doubled);
        LiveRunVerification verification = new LiveRunVerification(
                "live", profile.getSpec().effectiveFormat(), shape.schema(), Duration.ofSeconds(10));
        verification.start(target);
        RunSummary summary;
        try (sink) {
            summary = new LocalRun(profile, shape, false, sink, "faulty", Clock.SYSTEM, null).run();
        }
        assertEquals(summary.counters().sent(), summary.counters().acked(), "the sink reported every record acked");
        VerifyStatus found = verification.finish(summary).verify();

        assertEquals(dropped.size(), found.lost(), found.toString());
        assertEquals(doubled.size(), found.duplicates(), found.toString());
        assertEquals(summary.counters().acked() - dropped.size() + doubled.size(), found.records(), found.toString());
        assertEquals(
                List.of(new VerifyStatus.MissingRecords(
                        "live", 1, LocalRun.LOCAL_EPOCH, List.of(5L, 6L, 7L, 1500L, 2999L))),
                found.firstMissing());
        assertEquals(0, found.undecodable(), "every value is a JSON object");
        assertEquals(0, found.lag());
    }
}

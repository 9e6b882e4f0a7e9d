package io.loadfleet.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.KafkaSink;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.Deliveries;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.Traceparent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 4-shard run into a real KRaft broker, consumed back and checked record by record. */
@Timeout(180)
class KafkaRoundTripTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @ParameterizedTest
    @CsvSource({"iot-sensor, avro", "smart-meter, json"})
    void everyAckedRecordArrivesOnceWithItsKeyHeadersAndSchema(String generator, String format) throws Exception {
        String topic = "roundtrip-" + generator + "-" + format;
        LoadProfile profile = ProfileLoader.parse("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: roundtrip}
                spec:
                  targetRate: 3000
                  replicas: 4
                  devices: {count: 1001}
                  generator: {type: %s, seed: 9}
                  format: %s
                  sink: {kafka: {topic: %s, partitions: 4, compression: lz4, lingerMs: 5}}
                  duration: 3s
                """.formatted(generator, format, topic));
        RunSummary summary;
        try (KafkaSink sink =
                KafkaSink.open(profile.getSpec().getSink().getKafka(), kafka.bootstrapServers(), "test")) {
            summary = new LocalRun(
                            profile,
                            Generators.shape(profile.getSpec().getGenerator(), null),
                            false,
                            sink,
                            topic,
                            Clock.SYSTEM,
                            null)
                    .run();
        }
        assertEquals(9000, summary.counters().sent(), "3000 msg/s for 3 s");
        assertEquals(summary.counters().sent(), summary.counters().acked());
        assertEquals(0, summary.counters().errors());

        GeneratorType type = GeneratorType.byId(generator).orElseThrow();
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(Generators.schema(type));
        ObjectMapper json = new ObjectMapper();
        String idField = Generators.schema(type).getFields().get(0).name();
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(
                kafka.bootstrapServers(), topic, summary.counters().acked());
        assertEquals(summary.counters().acked(), records.size(), "count == acked");
        List<Delivered> delivered = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String idInValue;
            if (Format.AVRO.name().equalsIgnoreCase(format)) {
                GenericRecord value = avro.read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
                idInValue = value.get(idField).toString();
            } else {
                JsonNode value = json.readTree(r.value());
                assertEquals(Generators.schema(type).getFields().size(), value.size());
                idInValue = value.get(idField).asText();
            }
            delivered.add(KafkaTopics.delivered(r, idInValue));
            assertNull(r.headers().lastHeader(OutgoingRecord.HEADER_TRACEPARENT), "no tracing unless the profile asks");
            assertNull(r.headers().lastHeader(OutgoingRecord.HEADER_INJECTED), "no mark unless the profile injects");
            assertEquals(1, r.headers().toArray().length, "the identity header only");
        }
        Deliveries.assertCompleteRun(
                delivered,
                FleetPlan.of(profile.getSpec(), null),
                Generators.create(type, new GeneratorSettings(9, 0, 0, 1001)),
                "roundtrip",
                0,
                3);
    }

    @Test
    void sampledRecordsCarryTheirW3cTraceparent() throws Exception {
        LoadProfile profile = ProfileLoader.parse("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: traced}
                spec:
                  targetRate: 3000
                  replicas: 2
                  devices: {count: 100}
                  generator: {type: temperature, seed: 4}
                  tracing: {sampleRatio: 0.1}
                  sink: {kafka: {topic: traced, partitions: 2}}
                  duration: 2s
                """);
        RunSummary summary;
        try (KafkaSink sink =
                KafkaSink.open(profile.getSpec().getSink().getKafka(), kafka.bootstrapServers(), "test")) {
            summary = new LocalRun(
                            profile,
                            Generators.shape(profile.getSpec().getGenerator(), null),
                            false,
                            sink,
                            "traced",
                            Clock.SYSTEM,
                            null)
                    .run();
        }
        assertEquals(6000, summary.counters().acked());
        int traced = 0;
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(
                kafka.bootstrapServers(), "traced", summary.counters().acked())) {
            Delivered d = KafkaTopics.delivered(r, null);
            boolean expected = TraceSampler.of(profile.getSpec().getTracing(), 4, d.shard(), d.epoch())
                    .traces(d.sequence());
            Header header = r.headers().lastHeader(OutgoingRecord.HEADER_TRACEPARENT);
            assertEquals(expected, header != null, "shard " + d.shard() + " seq " + d.sequence());
            if (header != null) {
                assertTrue(Traceparent.WELL_FORMED
                        .matcher(new String(header.value(), StandardCharsets.US_ASCII))
                        .matches());
                traced++;
            }
        }
        assertEquals(600, traced, 100, "about one record in ten");
    }
}

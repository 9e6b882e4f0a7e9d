package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.TracingSpec;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.engine.LocalRun;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.engine.TraceSampler;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.Deliveries;
import io.loadfleet.worker.testing.PulsarBroker;
import io.loadfleet.worker.testing.PulsarTopics;
import io.loadfleet.worker.testing.Traceparent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 2-shard run into a real Pulsar standalone broker (its own JVM), consumed back through the
 * schema the run registered on the partitioned topic it created, and checked record by record.
 */
@Timeout(300)
class PulsarRoundTripTest {
    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    @ParameterizedTest
    @CsvSource({"iot-sensor, avro, LZ4", "smart-meter, json, ZSTD"})
    void everyAckedMessageArrivesOnceAndDecodesThroughTheTopicsSchema(
            String generator, String format, String compression) throws Exception {
        String topic = "roundtrip-" + generator + "-" + format;
        LoadProfile profile =
                ProfileLoader.parse("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: roundtrip}
                spec:
                  targetRate: 2000
                  replicas: 2
                  devices: {count: 1001}
                  generator: {type: %s, seed: 9}
                  format: %s
                  sink:
                    pulsar:
                      topic: %s
                      partitions: 3
                      adminUrl: %s
                      compression: %s
                      batching: {enabled: true, maxDelayMs: 1, maxMessages: 1000, maxBytes: 131072}
                      sendTimeoutMs: 10000
                  duration: 3s
                """.formatted(generator, format, topic, pulsar.adminUrl(), compression));
        GeneratorType type = GeneratorType.byId(generator).orElseThrow();
        Format wire = profile.getSpec().effectiveFormat();
        RunSummary summary;
        SinkTarget target = SinkTarget.of(profile.getSpec().getSink(), null, pulsar.serviceUrl());
        try (RecordSink sink = target.open("test", wire, Generators.schema(type))) {
            summary = new LocalRun(
                            profile,
                            Generators.shape(profile.getSpec().getGenerator(), null),
                            false,
                            sink,
                            target.describe(),
                            Clock.SYSTEM,
                            null)
                    .run();
        }
        assertEquals(6000, summary.counters().sent(), "2000 msg/s for 3 s");
        assertEquals(summary.counters().sent(), summary.counters().acked());
        assertEquals(0, summary.counters().errors());

        String fullName = "persistent://public/default/" + topic;
        try (PulsarAdmin admin =
                PulsarAdmin.builder().serviceHttpUrl(pulsar.adminUrl()).build()) {
            assertEquals(
                    3, admin.topics().getPartitionedTopicMetadata(fullName).partitions, "the run created 3 partitions");
            SchemaInfo registered = admin.schemas().getSchemaInfo(fullName);
            assertEquals(wire == Format.AVRO ? SchemaType.AVRO : SchemaType.JSON, registered.getType());
            assertEquals(
                    Generators.schema(type),
                    new org.apache.avro.Schema.Parser().parse(registered.getSchemaDefinition()),
                    "the topic's schema is the generator's");
        }

        String idField = Generators.schema(type).getFields().get(0).name();
        // Avro payloads also decode with Avro's own reader and the schema the topic holds.
        GenericDatumReader<org.apache.avro.generic.GenericRecord> avro =
                new GenericDatumReader<>(Generators.schema(type));
        List<Delivered> delivered = PulsarTopics.readAll(
                pulsar.serviceUrl(), fullName, summary.counters().acked(), m -> {
                    assertNull(m.getProperty(OutgoingRecord.HEADER_INJECTED), "no mark unless the profile injects");
                    assertEquals(
                            Generators.schema(type).getFields().size(),
                            m.getValue().getFields().size());
                    if (wire == Format.AVRO) {
                        assertEquals(
                                m.getKey(),
                                readAvro(avro, m.getData()).get(idField).toString());
                    } else {
                        assertEquals('{', new String(m.getData(), StandardCharsets.UTF_8).charAt(0));
                    }
                    return PulsarTopics.delivered(m, idField);
                });
        assertEquals(summary.counters().acked(), delivered.size(), "count == acked");
        Deliveries.assertCompleteRun(
                delivered,
                FleetPlan.of(profile.getSpec(), null),
                Generators.create(type, new GeneratorSettings(9, 0, 0, 1001)),
                "roundtrip",
                0,
                3);
    }

    private static org.apache.avro.generic.GenericRecord readAvro(
            GenericDatumReader<org.apache.avro.generic.GenericRecord> reader, byte[] bytes) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runWithServiceUrlSendsEverythingAndSumsUp(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: cli-pulsar}
                spec:
                  targetRate: 1000
                  replicas: 2
                  devices: {count: 50}
                  generator: {type: transaction}
                  format: avro
                  tracing: {sampleRatio: 0.2}
                  sink: {pulsar: {topic: cli-run, compression: LZ4}}
                """);
        Path summary = dir.resolve("s.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--service-url",
                        pulsar.serviceUrl(),
                        "--duration",
                        "2s",
                        "--summary",
                        summary.toString()));
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(2000, s.get("sent").asLong());
        assertEquals(2000, s.get("acked").asLong());
        assertEquals(
                pulsar.serviceUrl() + "/persistent/public/default/cli-run",
                s.get("sink").asText());
        // tracing on: the records the sampler picks, and only those, carry a well-formed traceparent property
        TracingSpec tracing = new TracingSpec();
        tracing.setSampleRatio(0.2);
        List<Boolean> tracedAsPlanned = PulsarTopics.readAll(pulsar.serviceUrl(), "cli-run", 2000, m -> {
            Delivered d = PulsarTopics.delivered(m, "id");
            boolean traced = TraceSampler.of(tracing, GeneratorSpec.DEFAULT_SEED, d.shard(), d.epoch())
                    .traces(d.sequence());
            String property = m.getProperty(OutgoingRecord.HEADER_TRACEPARENT);
            return traced
                    ? property != null
                            && Traceparent.WELL_FORMED.matcher(property).matches()
                    : property == null;
        });
        assertEquals(2000, tracedAsPlanned.size());
        assertTrue(tracedAsPlanned.stream().allMatch(ok -> ok), "every record traced as its sampler says");

        // verify reads it back over Pulsar too: both shards, nothing lost or duplicated, Avro well formed
        Path verified = dir.resolve("v.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "verify",
                        "--service-url",
                        pulsar.serviceUrl(),
                        "--topic",
                        "cli-run",
                        "--format",
                        "avro",
                        "--generator",
                        "transaction",
                        "--idle",
                        "2s",
                        "--summary",
                        verified.toString()));
        JsonNode v = new ObjectMapper().readTree(verified.toFile());
        assertEquals(2000, v.get("records").asLong());
        assertEquals(
                0,
                v.get("lost").asLong()
                        + v.get("duplicates").asLong()
                        + v.get("undecodable").asLong());
        assertEquals(2, v.get("streams").size());
    }

    @Test
    void datasetRowsKeepTheirKeyColumnAndANullKeyIsNoKey(@TempDir Path dir) throws Exception {
        // every third row has no merchant: those messages go without a key
        StringBuilder csv = new StringBuilder("row,merchant\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i % 3 == 0 ? "" : "m" + i).append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv);
        Path profile = Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: rows}
                spec:
                  targetRate: 1000
                  devices: {count: 10}
                  generator:
                    type: dataset
                    dataset:
                      path: rows.csv
                      keyColumn: merchant
                      columns: [{name: row, type: int}, {name: merchant, type: string, nullable: true}]
                  format: json
                  sink: {pulsar: {topic: dataset-rows}}
                """);
        assertEquals(
                0,
                Loadfleet.execute("run", profile.toString(), "--service-url", pulsar.serviceUrl(), "--duration", "2s"));
        ObjectMapper json = new ObjectMapper();
        List<Boolean> keyedAsTheirRow = PulsarTopics.readAll(pulsar.serviceUrl(), "dataset-rows", 2000, m -> {
            JsonNode row;
            try {
                row = json.readTree(m.getData());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return row.get("merchant").isNull()
                    ? !m.hasKey()
                    : row.get("merchant").asText().equals(m.getKey());
        });
        assertEquals(2000, keyedAsTheirRow.size(), "every row acked and delivered, null keys included");
        assertTrue(keyedAsTheirRow.stream().allMatch(ok -> ok), "the key is the key column, none when it is null");
    }
}

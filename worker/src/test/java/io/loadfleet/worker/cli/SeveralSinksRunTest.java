package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.RecordIdentity;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.Deliveries;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.PulsarBroker;
import io.loadfleet.worker.testing.PulsarTopics;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `loadfleet run` with several sinks at once, on a real Kafka, a real Pulsar and real files: each record is
 * generated once and every sink gets it, each in its own encoding, counted per sink in the summary.
 */
@Timeout(240)
class SeveralSinksRunTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Schema SCHEMA = Generators.schema(GeneratorType.TRANSACTION);

    @TempDir
    Path dir;

    ConsoleCapture console;

    @BeforeEach
    void capture() {
        console = new ConsoleCapture();
    }

    @AfterEach
    void restore() {
        console.close();
    }

    @Test
    void everySinkGetsEveryRecordAndCountsItsOwn() throws Exception {
        Path data = dir.resolve("lake");
        Path profile = Files.writeString(dir.resolve("all.yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: lake}
                spec:
                  targetRate: 1500
                  replicas: 2
                  devices: {count: 40}
                  generator: {type: transaction, seed: 11}
                  format: avro
                  duration: 3s
                  sink:
                    kafka: {topic: lake, partitions: 2}
                    pulsar: {topic: lake}
                    file: {path: PATH, format: parquet}
                """.replace("PATH", data.toString()));
        Path summary = dir.resolve("summary.json");
        int rc = Loadfleet.execute(
                "run",
                profile.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--service-url",
                pulsar.serviceUrl(),
                "--summary",
                summary.toString());
        assertEquals(0, rc, console.err() + console.out());

        JsonNode s = JSON.readTree(summary.toFile());
        long sent = s.get("sent").asLong();
        assertEquals(4500, sent, "1,500 msg/s for 3 s");
        assertEquals(sent, s.get("acked").asLong());
        assertEquals(List.of("kafka", "pulsar", "file"), s.get("sinks").findValuesAsText("type"));
        for (JsonNode sink : s.get("sinks")) {
            assertEquals(sent, sink.get("sent").asLong(), sink.toString());
            assertEquals(sent, sink.get("acked").asLong(), sink.toString());
            assertEquals(0, sink.get("errors").asLong(), sink.toString());
            assertEquals(sent, sink.get("publishLatencyMs").get("count").asLong(), sink.toString());
        }
        assertTrue(console.out().contains("sink.pulsar: 4,500 sent, 4,500 acked, 0 errors"), console.out());

        // The topics hold each record once, Avro-encoded the same on both brokers.
        var kafkaRecords = KafkaTopics.readAll(kafka.bootstrapServers(), "lake", sent);
        Deliveries.assertNoGapsOrCopies(
                kafkaRecords.stream().map(r -> KafkaTopics.delivered(r, "")).toList());
        Map<String, String> kafkaValues = new TreeMap<>();
        kafkaRecords.forEach(r -> kafkaValues.put(
                shardAndSequence(KafkaTopics.identity(r)), HexFormat.of().formatHex(r.value())));
        Map<String, String> pulsarValues = new TreeMap<>();
        PulsarTopics.readAll(
                pulsar.serviceUrl(),
                "persistent://public/default/lake",
                sent,
                m -> pulsarValues.put(
                        shardAndSequence(RecordIdentity.parse(m.getProperty(RecordIdentity.HEADER))),
                        HexFormat.of().formatHex(m.getData())));
        assertEquals(sent, kafkaValues.size());
        assertEquals(kafkaValues, pulsarValues);

        // The Parquet files hold the same records: row n of a shard is record n, and its Avro is Kafka's value.
        RecordEncoder avro = Encoders.create(Format.AVRO, SCHEMA);
        int timestamp = SCHEMA.getField("timestamp").pos();
        long rows = 0;
        for (JsonNode shard : s.get("shards")) {
            int index = shard.get("index").asInt();
            long deviceStart = shard.get("deviceStart").asLong();
            long deviceEnd = shard.get("deviceEnd").asLong();
            List<List<Object>> stored = StoredRows.shard(data, index, FileFormat.PARQUET, SCHEMA);
            assertEquals(shard.get("acked").asLong(), stored.size(), "shard " + index);
            FileSinkRunTest.assertRegenerates(index, deviceStart, deviceEnd, stored);
            RecordGenerator generator = Generators.create(
                    GeneratorType.TRANSACTION, new GeneratorSettings(11, index, deviceStart, deviceEnd));
            GeneratedRecord record = new GeneratedRecord(SCHEMA);
            for (int seq = 0; seq < stored.size(); seq++) {
                generator.fill(
                        deviceStart + seq % (deviceEnd - deviceStart),
                        seq,
                        (Long) stored.get(seq).get(timestamp),
                        record);
                assertEquals(
                        kafkaValues.get(index + "/" + seq),
                        HexFormat.of().formatHex(avro.encode(record)),
                        "shard " + index + " record " + seq);
            }
            rows += stored.size();
        }
        assertEquals(sent, rows);
    }

    /**
     * A topic that starts refusing records mid-run (its max.message.bytes cut below a record's size), beside files:
     * its records fail and are counted in its own errors and in the run's, which names it, while the files still get
     * every record. (A broker gone for good would block each send for max.block.ms instead, and so every sink.)
     */
    @Test
    void oneSinkFailingIsCountedAndNamedWhileTheOthersGetEveryRecord() throws Exception {
        KafkaTopics.create(kafka.bootstrapServers(), "refusing", 1);
        Path data = dir.resolve("lines");
        Path profile = Files.writeString(dir.resolve("refusing.yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: refusing}
                spec:
                  targetRate: 500
                  replicas: 1
                  devices: {count: 10}
                  generator: {type: transaction, seed: 11}
                  duration: 6s
                  sink:
                    kafka: {topic: refusing}
                    file: {path: PATH, format: jsonl}
                """.replace("PATH", data.toString()));
        Path summary = dir.resolve("summary.json");
        Thread refuse = new Thread(() -> {
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Thread.sleep(2_000);
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "refusing");
                admin.incrementalAlterConfigs(Map.of(
                                topic,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"),
                                        AlterConfigOp.OpType.SET))))
                        .all()
                        .get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        refuse.start();
        int rc = Loadfleet.execute(
                "run",
                profile.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--summary",
                summary.toString());
        refuse.join();

        JsonNode s = JSON.readTree(summary.toFile());
        assertEquals(1, rc, "records failed: the run is not clean\n" + console.out());
        long sent = s.get("sent").asLong();
        assertEquals(3000, sent, "the whole schedule was sent");
        JsonNode kafkaSink = s.get("sinks").get(0);
        JsonNode fileSink = s.get("sinks").get(1);
        assertEquals("kafka", kafkaSink.get("type").asText());
        assertEquals("file", fileSink.get("type").asText());
        long refused = kafkaSink.get("errors").asLong();
        // about 4 of the 6 s came after the change; the config takes a moment to reach the partition
        assertTrue(refused >= 1000 && refused < sent, "the records after the change failed: " + kafkaSink);
        assertEquals(sent, kafkaSink.get("acked").asLong() + refused, kafkaSink.toString());
        assertEquals(sent, fileSink.get("acked").asLong(), fileSink.toString());
        assertEquals(0, fileSink.get("errors").asLong(), fileSink.toString());
        assertEquals(refused, s.get("errors").asLong(), "a record fails the run when one sink fails it");
        assertEquals(sent - refused, s.get("acked").asLong());
        assertTrue(
                s.get("lastError").asText().startsWith("SinkFailure: sink.kafka: "),
                s.get("lastError").asText());
        assertTrue(kafkaSink.get("lastError").asText().contains("RecordTooLarge"), kafkaSink.toString());
        assertEquals(sent, StoredRows.shard(data, 0, FileFormat.JSONL, SCHEMA).size(), "every record is in a file");
        assertEquals(
                sent - refused,
                KafkaTopics.readAll(kafka.bootstrapServers(), "refusing", sent - refused)
                        .size());
    }

    private static String shardAndSequence(RecordIdentity id) {
        return id.shard() + "/" + id.sequence();
    }
}

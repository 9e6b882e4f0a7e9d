package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.sink.RecordIdentity;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `verify` against a real Kafka broker: a clean run, and a topic with copies and holes put there on purpose. */
@Timeout(180)
class VerifyCommandTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aRunVerifiesCleanWithEveryShardAndLatency() throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: clean}
                spec:
                  targetRate: 2000
                  replicas: 2
                  devices: {count: 100}
                  generator: {type: iot-sensor}
                  format: avro
                  sink: {kafka: {topic: verify-clean, partitions: 3}}
                """);
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--duration",
                        "2s"));
        Path summary = dir.resolve("v.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "verify",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--topic",
                        "verify-clean",
                        "--format",
                        "avro",
                        "--generator",
                        "iot-sensor",
                        "--idle",
                        "2s",
                        "--summary",
                        summary.toString()));
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(4000, s.get("records").asLong());
        assertEquals(0, s.get("lost").asLong());
        assertEquals(0, s.get("duplicates").asLong());
        assertEquals(0, s.get("outOfOrder").asLong());
        assertEquals(0, s.get("undecodable").asLong());
        assertEquals(2, s.get("streams").size(), "two shards of epoch 0");
        assertEquals(4000, s.get("endToEndMs").get("count").asLong());
        // JSON does not decode these Avro values: the format check can fail
        assertEquals(
                0,
                Loadfleet.execute(
                        "verify",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--topic",
                        "verify-clean",
                        "--format",
                        "json",
                        "--idle",
                        "1s",
                        "--summary",
                        summary.toString()));
        assertEquals(
                4000,
                new ObjectMapper().readTree(summary.toFile()).get("undecodable").asLong());
        // the profile names the topic, format and generator; the broker option replaces its (absent) one
        assertEquals(
                0,
                Loadfleet.execute(
                        "verify",
                        "--profile",
                        profile.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--idle",
                        "1s",
                        "--summary",
                        summary.toString()));
        s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(4000, s.get("records").asLong());
        assertEquals(0, s.get("undecodable").asLong(), "decoded as the profile's format avro of iot-sensor");
    }

    @Test
    void aTopicThatIsNotThereIsReportedNotCreated() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) { // the first look must not have created it
            try (ConsoleCapture console = new ConsoleCapture()) {
                assertEquals(
                        1,
                        Loadfleet.execute(
                                "verify",
                                "--bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--topic",
                                "verify-never-sent"),
                        console.err());
                assertEquals(
                        "cannot verify: Kafka at " + kafka.bootstrapServers() + " has no topic verify-never-sent",
                        console.err().strip());
            }
        }
    }

    @Test
    void copiesHolesAndReorderingAreFoundAndExitOne() throws Exception {
        createTopic("verify-tampered", 2);
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (long seq = 0; seq < 100; seq++) {
                if (seq == 40 || seq == 41) {
                    continue; // missing on purpose
                }
                // A topic written before and after loadfleet.id: one stream, read the same from either header form.
                p.send(seq < 30 ? legacyRecord(0, seq) : record(0, seq));
            }
            p.send(record(0, 10)); // re-sent copies
            p.send(legacyRecord(0, 11));
            p.send(record(0, 55));
            p.send(new ProducerRecord<>("verify-tampered", 1, null, "foreign".getBytes(StandardCharsets.UTF_8)));
            ProducerRecord<byte[], byte[]> malformed = record(1, 0);
            malformed.headers().remove(RecordIdentity.HEADER);
            malformed.headers().add(RecordIdentity.HEADER, "tampered/1/x/0".getBytes(StandardCharsets.UTF_8));
            p.send(malformed);
            for (long seq = 0; seq < 50; seq++) {
                p.send(record(1, seq)); // another shard, clean
            }
        }
        Path summary = dir.resolve("t.json");
        assertEquals(
                1,
                Loadfleet.execute(
                        "verify",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--topic",
                        "verify-tampered",
                        "--idle",
                        "2s",
                        "--summary",
                        summary.toString()));
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(98 + 3 + 50, s.get("records").asLong());
        assertEquals(2, s.get("lost").asLong(), "40 and 41");
        assertEquals(3, s.get("duplicates").asLong(), "10, 11 and 55 again");
        assertEquals(1, s.get("outOfOrder").asLong(), "the copies went back from 99 to 10 on their partition");
        assertEquals(2, s.get("foreign").asLong(), "no identity, and an epoch that is not a number");
        JsonNode shard1 = s.get("streams").get(1);
        assertEquals(1, shard1.get("shard").asInt());
        assertEquals(0, shard1.get("lost").asLong() + shard1.get("duplicates").asLong());
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        assertEquals(2, Loadfleet.execute("verify", "--topic", "t"));
        assertEquals(2, Loadfleet.execute("verify", "--bootstrap-servers", "h:1"), "no --topic and no --profile");
        assertEquals(2, Loadfleet.execute("verify", "--topic", "t", "--bootstrap-servers", "h:1", "--format", "avro"));
        assertEquals(2, Loadfleet.execute("verify", "--topic", "t", "--bootstrap-servers", "h:1", "--idle", "soon"));
        assertEquals(
                2,
                Loadfleet.execute(
                        "verify", "--topic", "t", "--service-url", "pulsar://h:6650", "--schema-registry", "http://r"));
        assertEquals(
                2,
                Loadfleet.execute(
                        "verify", "--topic", "t", "--bootstrap-servers", "h:1", "--schema-registry", "registry:8081"));
        assertEquals(
                2,
                Loadfleet.execute(
                        "verify",
                        "--topic",
                        "t",
                        "--bootstrap-servers",
                        "h:1",
                        "--schema-registry",
                        "http://r:8081",
                        "--format",
                        "json"));
        Path files = dir.resolve("files.yaml");
        Files.writeString(files, """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: files}
                spec:
                  targetRate: 10
                  devices: {count: 10}
                  generator: {type: temperature}
                  sink: {file: {path: out, format: jsonl}}
                """);
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(2, Loadfleet.execute("verify", "--profile", files.toString()));
            assertEquals(
                    files + ": verify reads a broker's topic; this profile writes files (sink.file)",
                    console.err().strip());
        }
    }

    /** A record of profile "tampered", epoch 1, as loadfleet writes it: one {@value RecordIdentity#HEADER} header. */
    static ProducerRecord<byte[], byte[]> record(int shard, long seq) {
        var r = new ProducerRecord<byte[], byte[]>(
                "verify-tampered",
                0,
                System.currentTimeMillis(),
                ("dev-" + seq).getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        r.headers()
                .add(
                        RecordIdentity.HEADER,
                        new RecordIdentity("tampered", shard, 1, seq).toString().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** The same record as loadfleet wrote it before {@value RecordIdentity#HEADER}: four headers. */
    static ProducerRecord<byte[], byte[]> legacyRecord(int shard, long seq) {
        var r = new ProducerRecord<byte[], byte[]>(
                "verify-tampered",
                0,
                System.currentTimeMillis(),
                ("dev-" + seq).getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        r.headers().add(new RecordHeader(RecordIdentity.FIELD_PROFILE, "tampered".getBytes(StandardCharsets.UTF_8)));
        r.headers()
                .add(new RecordHeader(
                        RecordIdentity.FIELD_SHARD, Integer.toString(shard).getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(RecordIdentity.FIELD_EPOCH, "1".getBytes(StandardCharsets.UTF_8)));
        r.headers()
                .add(new RecordHeader(
                        RecordIdentity.FIELD_SEQUENCE, Long.toString(seq).getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(p);
    }

    static void createTopic(String name, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }
}

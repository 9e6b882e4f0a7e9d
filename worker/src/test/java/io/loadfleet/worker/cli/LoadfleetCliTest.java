package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user calls it: exit codes, messages and files. */
@Timeout(120)
class LoadfleetCliTest {
    static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: cli-test}
            spec:
              targetRate: 2000
              replicas: 2
              devices: {count: 10}
              generator: {type: temperature}
              sink: {kafka: {topic: t}}
            """;

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut;
    PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nullSinkRunWritesTheSummaryAndExitsZero() throws Exception {
        Path profile = write("p.yaml", PROFILE);
        Path summary = dir.resolve("out/summary.json");
        int rc = Loadfleet.execute(
                "run",
                profile.toString(),
                "--sink-null",
                "--duration",
                "2s",
                "--rate",
                "1500",
                "--summary",
                summary.toString());
        assertEquals(0, rc, stderr());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals("cli-test", s.get("profile").asText());
        assertEquals(1500, s.get("targetRate").asLong());
        assertEquals(3000, s.get("sent").asLong(), "1500 msg/s for 2 s");
        assertEquals(3000, s.get("acked").asLong());
        assertEquals(0, s.get("errors").asLong());
        assertEquals(2.0, s.get("durationSeconds").asDouble(), 0.1);
        assertEquals(1500, s.get("achievedRate").asDouble(), 1500 * 0.05);
        JsonNode shards = s.get("shards");
        assertEquals(2, shards.size());
        assertEquals(750, shards.get(1).get("rate").asLong());
        assertEquals(5, shards.get(1).get("deviceStart").asLong());
        assertEquals(10, shards.get(1).get("deviceEnd").asLong());
        assertEquals(1500, shards.get(1).get("sent").asLong());
        assertTrue(stdout().contains("target      1500/s"), stdout());
        assertTrue(stdout().contains("summary: cli-test"), stdout());
        JsonNode precision = s.get("ratePrecision");
        assertTrue(precision.get("intervals").asInt() >= 1, precision.toString());
        assertTrue(
                precision.get("withinOnePercent").asInt()
                        <= precision.get("intervals").asInt(),
                precision.toString());
        assertTrue(stdout().contains("1-s intervals sent within ±1 % of target"), stdout());
    }

    @Test
    void runWithoutBootstrapServersStartsAnEmbeddedBrokerAndAllRecordsAreAcked() throws Exception {
        Path profile = write(
                "p.yaml",
                PROFILE.replace("type: temperature", "type: iot-sensor")
                        .replace(
                                "sink: {kafka: {topic: t}}",
                                "format: avro\n  sink: {kafka: {topic: cli-embedded, partitions: 2}}"));
        Path summary = dir.resolve("s.json");
        assertEquals(
                0,
                Loadfleet.execute("run", profile.toString(), "--duration", "2s", "--summary", summary.toString()),
                stderr());
        assertTrue(stdout().contains("starting an embedded Kafka broker"), stdout());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(4000, s.get("sent").asLong());
        assertEquals(4000, s.get("acked").asLong());
        assertTrue(s.get("sink").asText().startsWith("kafka://127.0.0.1:"), s.toString());
        assertTrue(s.get("publishLatencyMs").get("count").asLong() == 4000);
    }

    @Test
    void stagesRampTheRateThenTheFleetHoldsTargetRate() throws Exception {
        // 0 → 2000/s over 1 s sends 1000, then 1 s at 2000/s: 3000 in all, split over both shards.
        Path profile = write("p.yaml", PROFILE + "  stages: [{duration: 1s, targetRate: 2000}]\n");
        Path summary = dir.resolve("s.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run", profile.toString(), "--sink-null", "--duration", "2s", "--summary", summary.toString()));
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(3000, s.get("sent").asLong());
        assertEquals(1500, s.get("shards").get(0).get("sent").asLong());
    }

    @Test
    void pausedProfileSendsNothing() throws Exception {
        Path profile = write("p.yaml", PROFILE + "  paused: true\n");
        Path summary = dir.resolve("s.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run", profile.toString(), "--sink-null", "--duration", "1s", "--summary", summary.toString()));
        assertEquals(
                0, new ObjectMapper().readTree(summary.toFile()).get("sent").asLong());
        assertTrue(stdout().contains("spec.paused is true"), stdout());
    }

    @Test
    void maxRateRunSendsWithoutPacing() throws Exception {
        Path profile = write("p.yaml", PROFILE);
        Path summary = dir.resolve("s.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--sink-null",
                        "--max-rate",
                        "--duration",
                        "1s",
                        "--summary",
                        summary.toString()));
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertTrue(s.get("maxRate").asBoolean());
        assertTrue(s.get("ratePrecision").isNull(), "no target, no precision");
        assertTrue(s.get("sent").asLong() > 2000, "unpaced: more than the profile's 2000/s");
    }

    @Test
    void invalidProfileExitsTwoNamingEveryFieldWithoutStackTrace() throws Exception {
        Path profile = write(
                "bad.yaml", PROFILE.replace("count: 10", "count: 1").replace("type: temperature", "type: toaster"));
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--sink-null"));
        assertTrue(stderr().contains("spec.generator.type: \"toaster\" is not one of"), stderr());
        assertFalse(stderr().contains("Exception"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    @Test
    void devicesBelowReplicasIsBadInput() throws Exception {
        Path profile = write("bad.yaml", PROFILE.replace("count: 10", "count: 1"));
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--sink-null"));
        assertTrue(stderr().contains("spec.devices.count: 1 is less than replicas 2"), stderr());
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        Path profile = write("p.yaml", PROFILE);
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--duration", "soon", "--sink-null"));
        assertTrue(stderr().contains("with --duration soon:"), stderr());
        assertTrue(stderr().contains("spec.duration: \"soon\" is not a duration"), stderr());
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--rate", "many"));
        assertEquals(2, Loadfleet.execute("run", dir.resolve("missing.yaml").toString()));
        assertTrue(stderr().contains("no such file"), stderr());
        assertEquals(2, Loadfleet.execute("frobnicate"));
    }

    @Test
    void pulsarSinkWithoutServiceUrlSaysWhatIsMissing() throws Exception {
        Path profile = write("p.yaml", PROFILE.replace("sink: {kafka: {topic: t}}", "sink: {pulsar: {topic: t}}"));
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--duration", "1s"));
        assertTrue(
                stderr().contains(
                                "no Pulsar service URL: set sink.pulsar.serviceUrl or give --service-url pulsar://HOST:6650"),
                stderr());
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--bootstrap-servers", "localhost:9092"));
        assertTrue(stderr().contains("--bootstrap-servers: this profile sends to sink.pulsar"), stderr());
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--service-url", "http://localhost:8080"));
        assertTrue(stderr().contains("--service-url: \"http://localhost:8080\" is not a Pulsar service URL"), stderr());
        assertEquals(
                2, Loadfleet.execute("run", write("k.yaml", PROFILE).toString(), "--service-url", "pulsar://h:6650"));
        assertTrue(stderr().contains("--service-url: this profile sends to sink.kafka"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    @Test
    void planPrintsJsonShards() throws Exception {
        Path profile = write("p.yaml", PROFILE);
        assertEquals(0, Loadfleet.execute("plan", profile.toString(), "--replicas", "3", "--json"));
        JsonNode plan = new ObjectMapper().readTree(stdout());
        assertEquals(3, plan.get("shards").size());
        assertEquals(667, plan.get("shards").get(0).get("rate").asLong());
        assertEquals(4, plan.get("shards").get(0).get("deviceEnd").asLong());
        assertEquals(10, plan.get("shards").get(2).get("deviceEnd").asLong());
        assertEquals(2, Loadfleet.execute("plan", profile.toString(), "--replicas", "11"));
        assertTrue(stderr().contains("spec.devices.count: 10 is less than replicas 11"), stderr());
    }

    @Test
    void planTable() throws Exception {
        assertEquals(0, Loadfleet.execute("plan", write("p.yaml", PROFILE).toString()));
        assertTrue(stdout().contains("cli-test: 2000 msg/s over 2 shard(s)"), stdout());
        assertTrue(stdout().lines().anyMatch(l -> l.trim().matches("1\\s+1000\\s+5\\s+10\\s+5")), stdout());
    }

    @Test
    void schemaPrintsAParsableAvroSchema() {
        assertEquals(0, Loadfleet.execute("schema", "iot-sensor"));
        Schema schema = new Schema.Parser().parse(stdout());
        assertTrue(schema.getFields().size() >= 25);
        assertEquals(2, Loadfleet.execute("schema", "toaster"));
    }

    @Test
    void samplePrintsJsonLinesOfTheGeneratorsRecords() throws Exception {
        assertEquals(0, Loadfleet.execute("sample", "smart-meter", "--count", "5", "--devices", "3"));
        var lines = stdout().lines().toList();
        assertEquals(5, lines.size());
        ObjectMapper json = new ObjectMapper();
        Schema schema = io.loadfleet.worker.generate.Generators.schema(io.loadfleet.api.spec.GeneratorType.SMART_METER);
        String idField = schema.getFields().get(0).name();
        for (int i = 0; i < 5; i++) {
            JsonNode record = json.readTree(lines.get(i));
            assertEquals(schema.getFields().size(), record.size());
            assertTrue(
                    record.get(idField).asText().endsWith(String.valueOf(i % 3)),
                    "devices take turns: " + lines.get(i));
        }
        assertEquals(2, Loadfleet.execute("sample", "toaster"));
        assertTrue(stderr().contains("\"toaster\" is not one of smart-meter"), stderr());
        assertEquals(2, Loadfleet.execute("sample", "temperature", "--devices", "0"));
        assertTrue(stderr().contains("--devices: 0 is out of range"), stderr());
    }

    @Test
    void workerWithoutABrokerAddressOrWithAMalformedConfigOrAMissingSecretFileExitsTwo() throws Exception {
        Path pulsar = write("worker.yaml", """
                profile: p
                generator: {type: iot-sensor}
                format: avro
                sink: {pulsar: {topic: t}}
                """);
        assertEquals(2, Loadfleet.execute("worker", "--config", pulsar.toString(), "--port", "0"));
        assertTrue(
                stderr().contains("no Pulsar service URL: set sink.pulsar.serviceUrl or give --service-url"), stderr());
        assertEquals(
                2,
                Loadfleet.execute(
                        "worker", "--config", pulsar.toString(), "--port", "0", "--bootstrap-servers", "k:9092"));
        assertTrue(stderr().contains("--bootstrap-servers: this profile sends to sink.pulsar"), stderr());
        Path twoSinks = write("two.yaml", """
                profile: p
                generator: {type: iot-sensor}
                format: json
                sink: {pulsar: {topic: t}, kafka: {topic: t}}
                """);
        assertEquals(
                2,
                Loadfleet.execute(
                        "worker", "--config", twoSinks.toString(), "--port", "0", "--bootstrap-servers", "k:9092"));
        assertTrue(
                stderr().contains("no Pulsar service URL: set sink.pulsar.serviceUrl or give --service-url"), stderr());
        Path token = write("token.yaml", """
                profile: p
                generator: {type: iot-sensor}
                format: avro
                sink: {pulsar: {serviceUrl: "pulsar://127.0.0.1:1", topic: t, auth: {token: {secretRef: {name: pulsar-token}}}}}
                """);
        assertEquals(
                2,
                Loadfleet.execute(
                        "worker",
                        "--config",
                        token.toString(),
                        "--port",
                        "0",
                        "--secrets-dir",
                        dir.resolve("secrets").toString()));
        assertTrue(
                stderr().contains("spec.sink.pulsar.auth.token.secretRef.key: no readable file "
                        + dir.resolve("secrets/pulsar-token/token")),
                stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    @Test
    void anUnreachableBrokerIsAClearErrorNotAHang() throws Exception {
        Path kafka = write("k.yaml", PROFILE);
        long started = System.nanoTime();
        assertEquals(
                1,
                Loadfleet.execute(
                        "run",
                        kafka.toString(),
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--connect-timeout",
                        "2s",
                        "--duration",
                        "1s"));
        assertTrue(
                stderr().contains("cannot start the run: no Kafka broker answered at 127.0.0.1:1 within 2.0 s"),
                stderr());
        Path pulsar = write("p.yaml", PROFILE.replace("sink: {kafka: {topic: t}}", "sink: {pulsar: {topic: t}}"));
        assertEquals(
                1,
                Loadfleet.execute(
                        "run",
                        pulsar.toString(),
                        "--service-url",
                        "pulsar://127.0.0.1:1",
                        "--connect-timeout",
                        "2s",
                        "--duration",
                        "1s"));
        assertTrue(
                stderr().contains(
                                "cannot start the run: cannot send to persistent://public/default/t at pulsar://127.0.0.1:1"),
                stderr());
        assertFalse(stderr().contains("\tat "), stderr());
        System.out.printf(
                "unreachable Kafka and Pulsar with --connect-timeout 2s: both runs ended in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        assertEquals(2, Loadfleet.execute("run", kafka.toString(), "--connect-timeout", "never"));
    }
}

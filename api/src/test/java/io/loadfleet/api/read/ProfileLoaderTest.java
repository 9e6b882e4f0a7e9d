package io.loadfleet.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.InvalidProfileException;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.Acks;
import io.loadfleet.api.spec.Compression;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.PulsarCompression;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.SaslMechanism;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.api.spec.SinkKind;
import io.loadfleet.api.validation.ProfileValidator;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileLoaderTest {

    static final String VALID = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata:
              name: smart-grid
            spec:
              targetRate: 30000
              replicas: 3
              devices:
                count: 17000
              generator:
                type: smart-meter
                seed: 42
              format: avro
              sink:
                kafka:
                  bootstrapServers: "host:9092"
                  topic: smart-grid-data
                  partitions: 6
                  acks: all
                  compression: lz4
                  lingerMs: 5
                  batchSize: 131072
                  properties:
                    client.id: meters
              stages:
                - {duration: 2m, targetRate: 10000}
              duration: 10m
              paused: false
            """;

    static List<String> problems(String yaml) {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> ProfileLoader.parse(yaml));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsEveryFieldOfTheIssueExample() throws Exception {
        LoadProfile p = ProfileLoader.parse(VALID);
        assertEquals("smart-grid", p.getMetadata().getName());
        assertEquals(30_000L, p.getSpec().getTargetRate());
        assertEquals(3, p.getSpec().getReplicas());
        assertEquals(17_000L, p.getSpec().getDevices().getCount());
        assertEquals(GeneratorType.SMART_METER, p.getSpec().getGenerator().getType());
        assertEquals(42L, p.getSpec().getGenerator().getSeed());
        assertEquals(Format.AVRO, p.getSpec().getFormat());
        assertEquals(Acks.ALL, p.getSpec().getSink().getKafka().getAcks());
        assertEquals(Compression.LZ4, p.getSpec().getSink().getKafka().getCompression());
        assertEquals(131072, p.getSpec().getSink().getKafka().getBatchSize());
        assertEquals("meters", p.getSpec().getSink().getKafka().getProperties().get("client.id"));
        assertEquals("2m", p.getSpec().getStages().get(0).getDuration());
        assertEquals("10m", p.getSpec().getDuration());
    }

    @Test
    void jsonIsReadToo() throws Exception {
        LoadProfile p = ProfileLoader.parse("""
                {"apiVersion": "loadfleet.io/v1alpha1", "kind": "LoadProfile", "metadata": {"name": "t"},
                 "spec": {"targetRate": 5, "devices": {"count": 3}, "generator": {"type": "temperature"},
                          "sink": {"kafka": {"topic": "t"}}}}
                """);
        assertEquals(Format.JSON, p.getSpec().effectiveFormat());
        assertEquals(GeneratorType.TEMPERATURE, p.getSpec().getGenerator().getType());
    }

    @Test
    void numericAcksAreAccepted() throws Exception {
        LoadProfile p = ProfileLoader.parse(VALID.replace("acks: all", "acks: 1"));
        assertEquals(Acks.LEADER, p.getSpec().getSink().getKafka().getAcks());
        assertEquals(
                Acks.NONE,
                ProfileLoader.parse(VALID.replace("acks: all", "acks: \"0\""))
                        .getSpec()
                        .getSink()
                        .getKafka()
                        .getAcks());
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        List<String> problems = problems(VALID.replace("targetRate: 30000", "targetRate: -5")
                .replace("type: smart-meter", "type: smart-fridge")
                .replace("compression: lz4", "compression: brotli")
                .replace("lingerMs: 5", "lingerMs: soon")
                .replace("duration: 10m", "duration: ten minutes")
                .replace("  paused: false", "  pasued: false"));
        assertTrue(
                problems.contains(
                        "spec.generator.type: \"smart-fridge\" is not one of smart-meter, iot-sensor, transaction, gaming-bet, temperature, dataset, avro-schema"),
                problems::toString);
        assertTrue(
                problems.contains(
                        "spec.sink.kafka.compression: \"brotli\" is not one of none, gzip, snappy, lz4, zstd"),
                problems::toString);
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.startsWith("spec.sink.kafka.lingerMs: \"soon\" is not a whole number")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("spec.pasued: unknown field")), problems::toString);
        assertTrue(
                problems.contains("spec.targetRate: -5 is out of range: use 0 to 1000000000 messages per second"),
                problems::toString);
        assertTrue(
                problems.contains("spec.duration: \"ten minutes\" is not a duration: use e.g. 500ms, 30s, 2m or 1h30m"),
                problems::toString);
        assertEquals(6, problems.size(), problems::toString);
    }

    @Test
    void devicesBelowReplicasNamesBothNumbers() {
        List<String> problems =
                problems(VALID.replace("replicas: 3", "replicas: 5").replace("count: 17000", "count: 2"));
        assertEquals(
                List.of("spec.devices.count: 2 is less than replicas 5: every replica needs at least one device; "
                        + "raise devices.count or lower replicas"),
                problems);
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        List<String> problems = problems("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: x}
                spec:
                  generator: {}
                  stages: [{duration: 0s}]
                """);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("spec.targetRate: is required")), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("spec.devices.count: is required")), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("spec.generator.type: is required")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("spec.sink: is required")), problems::toString);
        assertTrue(problems.contains("spec.stages[0].duration: must be longer than 0"), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("spec.stages[0].targetRate: is required")),
                problems::toString);
    }

    @Test
    void wrongShapesAndOverflowAreProblemsNotCrashes() {
        assertTrue(problems(VALID.replace("count: 17000", "count: [1, 2]"))
                .get(0)
                .startsWith("spec.devices.count: expected a whole number"));
        assertTrue(problems(VALID.replace("replicas: 3", "replicas: 99999999999"))
                .get(0)
                .startsWith("spec.replicas: "));
        assertTrue(problems(VALID.replace("targetRate: 30000", "targetRate: 1.5"))
                .get(0)
                .startsWith("spec.targetRate: "));
        assertEquals(1, problems("spec: [").size());
        assertTrue(
                problems("spec: [").get(0).startsWith("not valid YAML or JSON: line 1"), problems("spec: [")::toString);
        assertTrue(problems("").get(0).contains("empty"));
    }

    @Test
    void perPodRateAboveMaxIsRefusedWhenReplicasAreExplicit() {
        assertEquals(
                List.of("spec.replicas: 1 replicas would each send 60000 msg/s, above maxRatePerPod 50000: "
                        + "raise replicas or maxRatePerPod, or leave replicas out"),
                problems(
                        VALID.replace("replicas: 3", "replicas: 1").replace("targetRate: 30000", "targetRate: 60000")));
        assertTrue(problems(VALID.replace("targetRate: 30000", "targetRate: 300000"))
                .get(0)
                .startsWith("spec.replicas: 3 replicas would each send 100000 msg/s"));
    }

    @Test
    void tooManyDevicesPerReplicaAsksForMoreReplicas() {
        assertEquals(
                List.of("spec.devices.count: 20000000 devices over 3 replicas is 6666667 per replica, more than "
                        + "5000000: raise replicas (at least 4) or lower devices.count"),
                problems(VALID.replace("count: 17000", "count: 20000000")));
    }

    @Test
    void illegalTopicAndWrongKind() {
        List<String> problems = problems(VALID.replace("topic: smart-grid-data", "topic: \"bad topic!\"")
                .replace("kind: LoadProfile", "kind: Deployment"));
        assertTrue(problems.contains("kind: must be LoadProfile (found Deployment)"), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("spec.sink.kafka.topic: \"bad topic!\" is not a legal")),
                problems::toString);
    }

    static final String PULSAR = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: iot}
            spec:
              targetRate: 1000
              devices: {count: 100}
              generator: {type: iot-sensor}
              format: avro
              sink:
                pulsar:
                  serviceUrl: pulsar://pulsar-proxy.pulsar.svc:6650
                  topic: iot-sensor-data
                  partitions: 10
                  adminUrl: http://pulsar:8080
                  compression: LZ4
                  batching: {enabled: true, maxDelayMs: 1, maxMessages: 1000, maxBytes: 131072}
                  sendTimeoutMs: 10000
                  blockIfQueueFull: true
                  properties: {maxPendingMessages: "5000"}
            """;

    @Test
    void readsEveryFieldOfThePulsarSink() throws Exception {
        PulsarSinkSpec pulsar = ProfileLoader.parse(PULSAR).getSpec().getSink().getPulsar();
        assertEquals("pulsar://pulsar-proxy.pulsar.svc:6650", pulsar.getServiceUrl());
        assertEquals("persistent://public/default/iot-sensor-data", pulsar.fullTopicName());
        assertEquals(10, pulsar.getPartitions());
        assertEquals("http://pulsar:8080", pulsar.getAdminUrl());
        assertEquals(PulsarCompression.LZ4, pulsar.getCompression());
        assertEquals(true, pulsar.getBatching().getEnabled());
        assertEquals(1, pulsar.getBatching().getMaxDelayMs());
        assertEquals(1000, pulsar.getBatching().getMaxMessages());
        assertEquals(131072, pulsar.getBatching().getMaxBytes());
        assertEquals(10000, pulsar.getSendTimeoutMs());
        assertTrue(pulsar.effectiveBlockIfQueueFull());
        assertEquals("5000", pulsar.getProperties().get("maxPendingMessages"));
    }

    @Test
    void pulsarTopicNamesShortAndFull() throws Exception {
        for (String[] names : new String[][] {
            {"t", "persistent://public/default/t"},
            {"acme/iot/t", "persistent://acme/iot/t"},
            {"non-persistent://acme/iot/t", "non-persistent://acme/iot/t"}
        }) {
            assertEquals(
                    names[1],
                    ProfileLoader.parse(PULSAR.replace("topic: iot-sensor-data", "topic: \"" + names[0] + "\""))
                            .getSpec()
                            .getSink()
                            .getPulsar()
                            .fullTopicName());
        }
        List<String> problems = problems(PULSAR.replace("topic: iot-sensor-data", "topic: \"kafka://a/b/c\""));
        assertTrue(
                problems.get(0).startsWith("spec.sink.pulsar.topic: \"kafka://a/b/c\" is not a Pulsar topic name"),
                problems::toString);
    }

    @Test
    void badPulsarSettingsNameTheirFields() {
        List<String> problems = problems(PULSAR.replace("pulsar://pulsar-proxy", "http://pulsar-proxy")
                .replace("adminUrl: http://pulsar:8080", "# no adminUrl")
                .replace("maxMessages: 1000", "maxMessages: 0"));
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("spec.sink.pulsar.serviceUrl: \"http://pulsar-proxy")),
                problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("spec.sink.pulsar.partitions: needs adminUrl")),
                problems::toString);
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.startsWith("spec.sink.pulsar.batching.maxMessages: 0 is out of range")),
                problems::toString);
        assertTrue(
                problems(PULSAR.replace("compression: LZ4", "compression: GZIP"))
                        .get(0)
                        .startsWith("spec.sink.pulsar.compression: "),
                problems::toString);
    }

    static final String FILE_SINK = VALID.replace("  format: avro\n", "")
            .replaceAll("(?s)    kafka:\n.*?client.id: meters\n", "    file: {path: /tmp/out, format: parquet}\n");

    @Test
    void fileSinkWithItsDefaults() throws Exception {
        FileSinkSpec file = ProfileLoader.parse(FILE_SINK).getSpec().getSink().getFile();
        assertEquals("/tmp/out", file.getPath());
        assertEquals(FileFormat.PARQUET, file.getFormat());
        assertEquals(256L * 1024 * 1024, file.effectiveRollBytes());
        assertEquals(60, file.effectiveRollSeconds());
        assertEquals(List.of(), ProfileValidator.validateForCluster(ProfileLoader.parse(FILE_SINK)));
        assertEquals(
                List.of(), ProfileLoader.parse(FILE_SINK).getSpec().getSink().secretFiles());
    }

    @Test
    void fileSinkInAClusterWritesUnderTmp() throws Exception {
        for (String path : List.of("out", "/data/out", "/tmp", "/tmp/../etc/out", "/tmpfiles/out")) {
            LoadProfile elsewhere = ProfileLoader.parse(FILE_SINK.replace("/tmp/out", path));
            assertEquals(List.of(), ProfileValidator.validate(elsewhere), "a local run may write anywhere: " + path);
            List<String> problems = ProfileValidator.validateForCluster(elsewhere).stream()
                    .map(Problem::toString)
                    .toList();
            assertEquals(
                    List.of("spec.sink.file.path: \"" + path
                            + "\" cannot be written in a cluster: the worker pods' root "
                            + "file system is read-only; use a path under /tmp (their emptyDir volume, e.g. /tmp/out) "
                            + "or under a writable mountPath of spec.worker.volumeMounts (a volumeClaimTemplates "
                            + "claim keeps the files when pods go)"),
                    problems);
        }
        assertEquals(
                List.of(),
                ProfileValidator.validateForCluster(ProfileLoader.parse(FILE_SINK.replace("/tmp/out", "/tmp/a/./b"))));
    }

    @Test
    void severalSinksAreOneProfileAndEachIsChecked() throws Exception {
        LoadProfile both =
                ProfileLoader.parse(VALID.replace("    kafka:\n", "    pulsar: {topic: other}\n    kafka:\n"));
        assertEquals(
                EnumSet.of(SinkKind.KAFKA, SinkKind.PULSAR),
                both.getSpec().getSink().kinds());
        assertEquals(
                List.of("spec.sink.pulsar.topic: is required"),
                problems(VALID.replace("    kafka:\n", "    pulsar: {}\n    kafka:\n")));
    }

    @Test
    void sinkSecurityNamesSecretKeysWithTheirDefaults() throws Exception {
        LoadProfile kafka = ProfileLoader.parse(VALID.replace(
                "      lingerMs: 5",
                "      lingerMs: 5\n"
                        + "      security:\n"
                        + "        protocol: SASL_SSL\n"
                        + "        sasl: {mechanism: SCRAM-SHA-512, secretRef: {name: kafka-user, passwordKey: pw}}\n"
                        + "        tls: {secretRef: {name: cluster-ca}}"));
        assertEquals(
                List.of(
                        new SecretFile("spec.sink.kafka.security.sasl.secretRef.usernameKey", "kafka-user", "username"),
                        new SecretFile("spec.sink.kafka.security.sasl.secretRef.passwordKey", "kafka-user", "pw"),
                        new SecretFile("spec.sink.kafka.security.tls.secretRef.caKey", "cluster-ca", "ca.crt")),
                kafka.getSpec().getSink().secretFiles());
        assertEquals(
                SaslMechanism.SCRAM_SHA_512,
                kafka.getSpec().getSink().getKafka().getSecurity().getSasl().getMechanism());

        LoadProfile pulsar =
                ProfileLoader.parse(PULSAR.replace("pulsar://pulsar-proxy.pulsar.svc:6650", "pulsar+ssl://pulsar:6651")
                        .replace(
                                "      blockIfQueueFull: true",
                                "      blockIfQueueFull: true\n"
                                        + "      auth: {token: {secretRef: {name: pulsar-token}}}\n"
                                        + "      tls: {secretRef: {name: pulsar-ca, caKey: ca.pem}}"));
        assertEquals(
                List.of(
                        new SecretFile("spec.sink.pulsar.auth.token.secretRef.key", "pulsar-token", "token"),
                        new SecretFile("spec.sink.pulsar.tls.secretRef.caKey", "pulsar-ca", "ca.pem")),
                pulsar.getSpec().getSink().secretFiles());
        assertEquals(List.of(), ProfileLoader.parse(VALID).getSpec().getSink().secretFiles());
        LoadProfile strimzi = ProfileLoader.parse(
                VALID.replace(
                        "      lingerMs: 5",
                        "      lingerMs: 5\n"
                                + "      security: {protocol: SASL_SSL, sasl: {mechanism: SCRAM-SHA-512, username: loadfleet, secretRef: {name: loadfleet}}}"));
        assertEquals(
                List.of(new SecretFile("spec.sink.kafka.security.sasl.secretRef.passwordKey", "loadfleet", "password")),
                strimzi.getSpec().getSink().secretFiles(),
                "a user name in the spec is not read from the Secret");
    }
}

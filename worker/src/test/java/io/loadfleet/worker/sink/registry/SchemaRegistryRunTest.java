package io.loadfleet.worker.sink.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.registry.ApicurioRegistry;
import io.loadfleet.registry.BasicAuthFront;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadfleet run} with sink.kafka.schemaRegistry against a real Apicurio Registry (its
 * Confluent-compatible API) and a real Kafka broker: what it writes is read back by Apicurio's own
 * Kafka Avro deserializer in Confluent mode and by {@code loadfleet verify}; the registry's
 * refusals and failures end the run with one line and exit 1, never showing a credential.
 */
@Timeout(300)
class SchemaRegistryRunTest {
    static final String USER = "fleet";
    static final String PASSWORD = "r3g-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    static ApicurioRegistry registry;

    @TempDir
    Path dir;

    Path lastProfile;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    static String profile(String topic, String generator, String schemaRegistry) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: framed}
                spec:
                  targetRate: 500
                  devices: {count: 50}
                  format: avro
                  generator: %s
                  sink:
                    kafka:
                      topic: %s
                      schemaRegistry: %s
                """.formatted(generator, topic, schemaRegistry);
    }

    int run(String profileYaml, Path secrets, ConsoleCapture console) throws Exception {
        Path profile = dir.resolve("p-" + UUID.randomUUID() + ".yaml");
        Files.writeString(profile, profileYaml);
        lastProfile = profile;
        List<String> args = new ArrayList<>(List.of(
                "run",
                profile.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--duration",
                "2s",
                "--connect-timeout",
                "10s",
                "--summary",
                dir.resolve("s.json").toString()));
        if (secrets != null) {
            args.addAll(List.of("--secrets-dir", secrets.toString()));
        }
        return Loadfleet.execute(args.toArray(String[]::new));
    }

    Path secrets(String password, String caPem) throws Exception {
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets.resolve("registry-user"));
        Files.writeString(secrets.resolve("registry-user/username"), USER);
        Files.writeString(secrets.resolve("registry-user/password"), password + "\n");
        Files.createDirectories(secrets.resolve("registry-ca"));
        Files.writeString(secrets.resolve("registry-ca/ca.crt"), caPem);
        return secrets;
    }

    long acked() throws Exception {
        return JSON.readTree(dir.resolve("s.json").toFile()).get("acked").asLong();
    }

    static JsonNode ccompat(String path) throws Exception {
        return JSON.readTree(registry.ccompat("GET", path, null));
    }

    /** Every value of the topic, read by Apicurio's Kafka Avro deserializer configured for Confluent-framed values. */
    static List<GenericRecord> readWithApicurioSerde(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(SerdeConfig.REGISTRY_URL, registry.nativeV2Url());
        p.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, "true");
        p.put(SerdeConfig.USE_ID, "contentId");
        List<GenericRecord> values = new ArrayList<>();
        try (KafkaConsumer<byte[], GenericRecord> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), deserializer(p))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(3).toNanos()) {
                for (ConsumerRecord<byte[], GenericRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                    idleSince = System.nanoTime();
                }
            }
        }
        return values;
    }

    private static AvroKafkaDeserializer<GenericRecord> deserializer(Properties p) {
        AvroKafkaDeserializer<GenericRecord> d = new AvroKafkaDeserializer<>();
        d.configure(
                Map.copyOf(p.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> (String) e.getKey(), e -> e.getValue()))),
                false);
        return d;
    }

    @Test
    void framedValuesAreReadByARegistryAwareDeserializerAndTheRegisteredSchemaIsTheGenerators() throws Exception {
        String topic = "framed-iot";
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(
                    0,
                    run(
                            profile(topic, "{type: iot-sensor}", "{url: \"" + registry.ccompatUrl() + "\"}"),
                            null,
                            console),
                    console.err());
        }
        Schema generators = Generators.schema(GeneratorType.IOT_SENSOR);
        JsonNode latest = ccompat("/subjects/" + topic + "-value/versions/latest");
        assertEquals(generators, new Schema.Parser().parse(latest.get("schema").asText()), "registered as generated");

        List<GenericRecord> values = readWithApicurioSerde(topic);
        assertEquals(acked(), values.size(), "every acked record decodes through the registry");
        assertEquals(1000, values.size(), "500 msg/s for 2 s");
        assertEquals(generators, values.get(0).getSchema(), "written with the registered schema");
        assertTrue(values.stream().allMatch(v -> v.get("device_id") != null), "fields are set: " + values.get(0));

        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = Loadfleet.execute(
                    "verify",
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--topic",
                    topic,
                    "--schema-registry",
                    registry.ccompatUrl(),
                    "--idle",
                    "2s");
            assertEquals(0, rc, console.out() + console.err());
            assertTrue(console.out().contains("1,000 records, 0 lost"), console.out());
            assertTrue(console.out().contains("0 undecodable"), console.out());
        }
    }

    @Test
    void subjectStrategiesNameTheSubjectAsConfluentsSerializersDo() throws Exception {
        String fullName = Generators.schema(GeneratorType.TEMPERATURE).getFullName();
        try (ConsoleCapture console = new ConsoleCapture()) {
            for (String strategy : List.of("record", "topic-record")) {
                assertEquals(
                        0,
                        run(
                                profile(
                                        "strategy-" + strategy,
                                        "{type: temperature}",
                                        "{url: \"" + registry.ccompatUrl() + "\", subjectNameStrategy: " + strategy
                                                + "}"),
                                null,
                                console),
                        console.err());
            }
        }
        JsonNode subjects = ccompat("/subjects");
        List<String> names = new ArrayList<>();
        subjects.forEach(s -> names.add(s.asText()));
        assertTrue(names.contains(fullName), names.toString());
        assertTrue(names.contains("strategy-topic-record-" + fullName), names.toString());
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysMessageAndNothingIsSent() throws Exception {
        String topic = "evolving";
        String v1 = "{type: avro-schema, avroSchema: {schema: '{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
                + "[{\"name\":\"a\",\"type\":\"long\"}]}'}}";
        // a new field without a default: readers of the new schema cannot read old records (not BACKWARD)
        String v2 = "{type: avro-schema, avroSchema: {schema: '{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
                + "[{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\"}]}'}}";
        String url = "{url: \"" + registry.ccompatUrl() + "\"}";
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(0, run(profile(topic, v1, url), null, console), console.err());
        }
        registry.ccompat("PUT", "/config/" + topic + "-value", "{\"compatibility\":\"BACKWARD\"}");
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(1, run(profile(topic, v2, url), null, console), console.err());
            assertTrue(
                    console.err()
                            .contains("schema registry at " + registry.ccompatUrl()
                                    + " refused to register the schema under subject evolving-value (HTTP 409)"),
                    console.err());
            assertTrue(console.err().contains("ncompatible"), "quotes the registry: " + console.err());
            assertFalse(console.err().contains("\tat "), "no stack trace: " + console.err());
        }
        assertEquals(1, ccompat("/subjects/" + topic + "-value/versions").size(), "v2 was not registered");
    }

    @Test
    void anUnknownSubjectWithoutAutoRegisterEndsTheRunNamingTheSubject() throws Exception {
        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = run(
                    profile(
                            "never-registered",
                            "{type: smart-meter}",
                            "{url: \"" + registry.ccompatUrl() + "\", autoRegister: false}"),
                    null,
                    console);
            assertEquals(1, rc, console.err());
            assertTrue(
                    console.err().contains("refused to look up the schema under subject never-registered-value"),
                    console.err());
            assertTrue(console.err().contains("autoRegister"), "says how to fix it: " + console.err());
        }
    }

    @Test
    void aRegistryThatIsDownEndsTheRunNamingIt() throws Exception {
        String down = "http://127.0.0.1:" + io.loadfleet.childjvm.ChildJvm.freePort();
        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = run(profile("down", "{type: smart-meter}", "{url: \"" + down + "\"}"), null, console);
            assertEquals(1, rc, console.err());
            assertTrue(console.err().contains("schema registry at " + down + " did not answer"), console.err());
        }
    }

    @Test
    void basicAuthOverTlsWorksAndAWrongPasswordOrAnUntrustedCertificateIsRefusedWithoutShowingThePassword()
            throws Exception {
        TestCertificates certificates = TestCertificates.generate();
        try (BasicAuthFront front =
                BasicAuthFront.start(registry.ccompatUrl(), USER, PASSWORD, certificates.serverContext())) {
            String url = front.url("");
            String secured = "{url: \"" + url + "\", basicAuth: {secretRef: {name: registry-user}},"
                    + " tls: {secretRef: {name: registry-ca}}}";
            try (ConsoleCapture console = new ConsoleCapture()) {
                int rc = run(
                        profile("behind-auth", "{type: gaming-bet}", secured),
                        secrets(PASSWORD, certificates.caPem()),
                        console);
                assertEquals(0, rc, console.err());
                assertFalse((console.out() + console.err()).contains(PASSWORD));
            }
            try (ConsoleCapture console = new ConsoleCapture()) {
                // verify reads the framed values with the profile's registry, its basic auth and CA
                int rc = Loadfleet.execute(
                        "verify",
                        "--profile",
                        lastProfile.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--secrets-dir",
                        dir.resolve("secrets").toString(),
                        "--idle",
                        "2s");
                assertEquals(0, rc, console.out() + console.err());
                assertTrue(console.out().contains(String.format("%,d records, 0 lost", acked())), console.out());
                assertTrue(console.out().contains(", 0 undecodable"), console.out());
                assertFalse((console.out() + console.err()).contains(PASSWORD));
            }
            String wrong = "wrong-" + UUID.randomUUID();
            try (ConsoleCapture console = new ConsoleCapture()) {
                int rc = run(
                        profile("behind-auth", "{type: gaming-bet}", secured),
                        secrets(wrong, certificates.caPem()),
                        console);
                assertEquals(1, rc, console.err());
                assertTrue(console.err().contains("the credentials were not accepted"), console.err());
                assertFalse((console.out() + console.err()).contains(wrong), "the password is not echoed");
                assertFalse((console.out() + console.err()).contains(PASSWORD));
            }
            try (ConsoleCapture console = new ConsoleCapture()) {
                int rc = run(
                        profile("behind-auth", "{type: gaming-bet}", secured),
                        secrets(PASSWORD, TestCertificates.generate().caPem()),
                        console);
                assertEquals(1, rc, console.err());
                assertTrue(console.err().contains("did not answer (TLS handshake: "), console.err());
            }
        }
    }
}

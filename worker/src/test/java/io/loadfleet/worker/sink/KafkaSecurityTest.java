package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.LogCapture;
import io.loadfleet.worker.testing.SecuredKafkaBroker;
import io.loadfleet.worker.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code loadfleet run} against a real broker that demands TLS and SASL, with the credentials and
 * CA read from Secret files under {@code --secrets-dir}: every record acked and on the topic for
 * each protocol and mechanism; a wrong password or CA, a missing file, and a secured sink without
 * a broker each end with their exit code and one line that says why, and never the password.
 */
@Timeout(180)
class KafkaSecurityTest {
    static final String USER = "loadfleet";
    static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();

    @RegisterExtension
    static final SecuredKafkaBroker kafka = new SecuredKafkaBroker(USER, PASSWORD);

    @TempDir
    Path dir;

    static String profile(String topic, String security) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: secured}
                spec:
                  targetRate: 500
                  devices: {count: 50}
                  generator: {type: temperature}
                  sink:
                    kafka:
                      topic: %s
                      security: %s
                """.formatted(topic, security);
    }

    /** DIR/SECRET/KEY, as a pod has its Secrets mounted. */
    Path secrets(String password, String caPem) throws Exception {
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets.resolve("kafka-user"));
        Files.writeString(secrets.resolve("kafka-user/username"), USER);
        Files.writeString(secrets.resolve("kafka-user/password"), password + "\n"); // as --from-file keeps it
        Files.createDirectories(secrets.resolve("kafka-ca"));
        Files.writeString(secrets.resolve("kafka-ca/ca.crt"), caPem);
        return secrets;
    }

    /** Runs 2 s at 500 msg/s into {@code topic} through the listener of {@code protocol}. */
    int run(String protocol, String topic, String security, Path secrets) throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, profile(topic, security));
        return Loadfleet.execute(
                "run",
                profile.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(KafkaSecurityProtocol.valueOf(protocol)),
                "--secrets-dir",
                secrets.toString(),
                "--duration",
                "2s",
                "--connect-timeout",
                "20s",
                "--summary",
                dir.resolve("s.json").toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "SASL_PLAINTEXT, PLAIN",
        "SASL_PLAINTEXT, SCRAM-SHA-256",
        "SASL_SSL, SCRAM-SHA-512",
        "SSL, ''",
    })
    void everyRecordIsAckedAndOnTheTopic(String protocol, String mechanism) throws Exception {
        // PLAIN takes the user name from the spec, the others from the Secret
        String security = "{protocol: " + protocol
                + (mechanism.isEmpty()
                        ? ""
                        : ", sasl: {mechanism: " + mechanism + (mechanism.equals("PLAIN") ? ", username: " + USER : "")
                                + ", secretRef: {name: kafka-user}}")
                + (protocol.endsWith("SSL") ? ", tls: {secretRef: {name: kafka-ca}}" : "") + "}";
        // kafka-clients' config dumps (AbstractConfig, at INFO: off in the shipped log4j2.xml) show how it treats the
        // password
        try (ConsoleCapture console = new ConsoleCapture();
                LogCapture logs = new LogCapture(
                        Map.of("org.apache.kafka.clients", Level.INFO, "org.apache.kafka.common.config", Level.INFO))) {
            String topic = ("secured-" + protocol + "-" + mechanism)
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-');
            assertEquals(
                    0,
                    run(
                            protocol,
                            topic,
                            security,
                            secrets(PASSWORD, kafka.certificates().caPem())),
                    console.err());
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("s.json").toFile());
            assertEquals(1000, summary.get("acked").asLong(), "500 msg/s for 2 s: " + summary);
            assertEquals(
                    1000,
                    KafkaTopics.readAll(kafka.bootstrapServers(), topic, 1000).size(),
                    "the topic holds what was acked");
            String logged = logs.text();
            assertTrue(
                    logged.contains("security.protocol = " + protocol),
                    "the producer's config was logged: " + logged.length());
            if (!mechanism.isEmpty()) {
                assertTrue(logged.contains("sasl.jaas.config = [hidden]"), "kafka-clients masks the JAAS config");
            }
            assertNoPassword(console.out() + console.err() + logged);
        }
    }

    @Test
    void aWrongPasswordEndsTheRunWithExitOneNamingTheBrokerNotThePassword() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        try (ConsoleCapture console = new ConsoleCapture()) {
            long start = System.nanoTime();
            int rc = run(
                    "SASL_PLAINTEXT",
                    "refused",
                    "{protocol: SASL_PLAINTEXT, sasl: {mechanism: SCRAM-SHA-256, " + "secretRef: {name: kafka-user}}}",
                    secrets(wrong, ""));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, rc, console.err());
            assertTrue(
                    console.err()
                            .contains("authentication with Kafka at "
                                    + kafka.bootstrapServers(KafkaSecurityProtocol.SASL_PLAINTEXT)
                                    + " failed (SASL_PLAINTEXT)"),
                    console.err());
            assertTrue(seconds < 15, "refused at once, not after the connect timeout: " + seconds + " s");
            assertFalse((console.out() + console.err()).contains(wrong), "the wrong password is not echoed");
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaEndsTheRunWithExitOne() throws Exception {
        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = run(
                    "SSL",
                    "untrusted",
                    "{protocol: SSL, tls: {secretRef: {name: kafka-ca}}}",
                    secrets(PASSWORD, TestCertificates.generate().caPem()));
            assertEquals(1, rc, console.err());
            assertTrue(
                    console.err().contains("failed (SSL): TLS handshake: PKIX path validation failed"), console.err());
        }
    }

    @Test
    void aMissingSecretFileIsBadInputNamingTheFieldTheSecretAndThePath() throws Exception {
        Path secrets = secrets(PASSWORD, "");
        Files.delete(secrets.resolve("kafka-user/password"));
        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = run(
                    "SASL_PLAINTEXT",
                    "unread",
                    "{protocol: SASL_PLAINTEXT, sasl: {mechanism: PLAIN, " + "secretRef: {name: kafka-user}}}",
                    secrets);
            assertEquals(2, rc, console.err());
            assertTrue(
                    console.err()
                            .contains("spec.sink.kafka.security.sasl.secretRef.passwordKey: no readable file "
                                    + secrets.resolve("kafka-user/password")
                                    + " for key password of Secret kafka-user"),
                    console.err());
            assertTrue(console.err().contains("--secrets-dir"), console.err());
        }
    }

    @Test
    void aSecuredSinkWithoutBootstrapServersIsBadInputNotAnEmbeddedBroker() throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, profile("t", "{protocol: SSL}"));
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(2, Loadfleet.execute("run", profile.toString(), "--duration", "1s"), console.err());
            assertTrue(console.err().contains("the embedded broker speaks PLAINTEXT only"), console.err());
            assertFalse(console.out().contains("starting an embedded Kafka broker"), console.out());
        }
    }

    static void assertNoPassword(String text) {
        assertFalse(text.contains(PASSWORD), "the password appears in what the run printed or logged");
        assertFalse(
                text.contains(Base64.getEncoder().encodeToString(PASSWORD.getBytes())),
                "the password appears base64-encoded");
    }
}

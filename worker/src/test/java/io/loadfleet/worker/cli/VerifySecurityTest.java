package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.pulsar.PulsarTokenAuth;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.LogCapture;
import io.loadfleet.worker.testing.SecuredKafkaBroker;
import io.loadfleet.worker.testing.SecuredPulsarBroker;
import io.loadfleet.worker.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadfleet verify --profile P --secrets-dir D} against real brokers that demand credentials:
 * it reads what {@code run} sent through Kafka's SASL_SSL listener and Pulsar's pulsar+ssl:// port
 * with a token, connecting with the profile's security and the same Secret files; a wrong password,
 * an untrusted CA or a forged token ends it with exit 1 and one line naming the broker, and no
 * credential is ever printed or logged.
 */
@Timeout(300)
class VerifySecurityTest {
    static final String USER = "loadfleet";
    static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();

    @RegisterExtension
    static final SecuredKafkaBroker kafka = new SecuredKafkaBroker(USER, PASSWORD);

    @RegisterExtension
    static final SecuredPulsarBroker pulsar = new SecuredPulsarBroker();

    @TempDir
    Path dir;

    /** 500 msg/s over 2 shards and 2 partitions, as Avro, through SCRAM-SHA-512 over TLS. */
    Path kafkaProfile(String topic) throws Exception {
        return write("kafka.yaml", """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: verify-kafka}
                spec:
                  targetRate: 500
                  replicas: 2
                  devices: {count: 50}
                  generator: {type: temperature}
                  format: avro
                  sink:
                    kafka:
                      bootstrapServers: %s
                      topic: %s
                      partitions: 2
                      security:
                        protocol: SASL_SSL
                        sasl: {mechanism: SCRAM-SHA-512, secretRef: {name: kafka-user}}
                        tls: {secretRef: {name: kafka-ca}}
                """.formatted(kafka.bootstrapServers(KafkaSecurityProtocol.SASL_SSL), topic));
    }

    /** 500 msg/s over 2 shards into a topic of 2 partitions, with a token over TLS. */
    Path pulsarProfile(String topic) throws Exception {
        return write("pulsar.yaml", """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: verify-pulsar}
                spec:
                  targetRate: 500
                  replicas: 2
                  devices: {count: 50}
                  generator: {type: temperature}
                  format: avro
                  sink:
                    pulsar:
                      serviceUrl: %s
                      adminUrl: %s
                      topic: %s
                      partitions: 2
                      auth: {token: {secretRef: {name: pulsar-token}}}
                      tls: {secretRef: {name: pulsar-ca}}
                """.formatted(pulsar.tlsServiceUrl(), pulsar.adminUrl(), topic));
    }

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** DIR/SECRET/KEY, as a pod has its Secrets mounted; values end in a line break, as --from-file keeps it. */
    Path secrets(Map<String, String> files) throws Exception {
        Path secrets = dir.resolve("secrets");
        for (var f : files.entrySet()) {
            Path file = secrets.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue() + "\n");
        }
        return secrets;
    }

    Path kafkaSecrets(String password, String caPem) throws Exception {
        return secrets(Map.of("kafka-user/username", USER, "kafka-user/password", password, "kafka-ca/ca.crt", caPem));
    }

    Path pulsarSecrets(String token) throws Exception {
        return pulsarSecrets(token, pulsar.certificates().caPem());
    }

    Path pulsarSecrets(String token, String caPem) throws Exception {
        return secrets(Map.of("pulsar-token/token", token, "pulsar-ca/ca.crt", caPem));
    }

    /** Runs the profile for 2 s and returns how many records the broker acked. */
    long run(Path profile, Path secrets, ConsoleCapture console) throws Exception {
        Path summary = dir.resolve("run.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--secrets-dir",
                        secrets.toString(),
                        "--duration",
                        "2s",
                        "--summary",
                        summary.toString()),
                console.err());
        long acked = new ObjectMapper().readTree(summary.toFile()).get("acked").asLong();
        assertEquals(1000, acked, "500 msg/s for 2 s");
        return acked;
    }

    int verify(Path profile, Path secrets) {
        return verify(profile, secrets, "10s");
    }

    int verify(Path profile, Path secrets, String connectTimeout) {
        return Loadfleet.execute(
                "verify",
                "--profile",
                profile.toString(),
                "--secrets-dir",
                secrets.toString(),
                "--connect-timeout",
                connectTimeout,
                "--idle",
                "2s",
                "--summary",
                dir.resolve("verify.json").toString());
    }

    /** Every record run acked was read back once, each value an Avro datum of the profile's generator. */
    void assertReadAsAcked(long acked, String topic, ConsoleCapture console) throws Exception {
        JsonNode v = new ObjectMapper().readTree(dir.resolve("verify.json").toFile());
        assertEquals(acked, v.get("records").asLong(), "verify read what run acked: " + v);
        assertEquals(0, v.get("lost").asLong());
        assertEquals(0, v.get("duplicates").asLong());
        assertEquals(0, v.get("foreign").asLong());
        assertEquals(0, v.get("undecodable").asLong(), "the values decode with the profile's format and generator");
        assertEquals(2, v.get("streams").size(), "both shards");
        assertTrue(console.out().contains("verify: " + topic + ": 1,000 records, 0 lost, 0 duplicates"), console.out());
        assertTrue(console.out().contains(": CLEAN"), console.out());
    }

    @Test
    void aSaslSslRunVerifiesCleanThroughTheProfileAndItsSecretsAndThePasswordIsNeverShown() throws Exception {
        Path profile = kafkaProfile("verify-sasl-ssl");
        Path secrets = kafkaSecrets(PASSWORD, kafka.certificates().caPem());
        // kafka-clients' config dumps (INFO: off in the shipped log4j2.xml) show what the consumer was given
        try (ConsoleCapture console = new ConsoleCapture();
                LogCapture logs = new LogCapture(
                        Map.of("org.apache.kafka.clients", Level.INFO, "org.apache.kafka.common.config", Level.INFO))) {
            long acked = run(profile, secrets, console);
            assertEquals(0, verify(profile, secrets), console.err());
            assertReadAsAcked(acked, "verify-sasl-ssl", console);
            String consumerConfig = consumerConfig(logs.text());
            assertTrue(consumerConfig.contains("client.id = loadfleet-verify"), consumerConfig);
            assertTrue(consumerConfig.contains("security.protocol = SASL_SSL"), consumerConfig);
            assertTrue(consumerConfig.contains("sasl.jaas.config = [hidden]"), consumerConfig);
            String all = console.out() + console.err() + logs.text();
            assertFalse(all.contains(PASSWORD), "the password was printed or logged");
            assertFalse(
                    all.contains(Base64.getEncoder().encodeToString(PASSWORD.getBytes())),
                    "the password was printed or logged base64-encoded");
        }
    }

    /** The one config dump of verify's consumer, among the run's producer and admin dumps. */
    static String consumerConfig(String logged) {
        Matcher m = Pattern.compile(
                        "ConsumerConfig values:.*?\\n(?=(TRACE|DEBUG|INFO|WARN|ERROR) |\\z)", Pattern.DOTALL)
                .matcher(logged);
        assertTrue(m.find(), "the consumer's config was logged");
        return m.group();
    }

    @Test
    void aWrongPasswordEndsVerifyWithExitOneAndOneLineNamingTheBrokerNotThePassword() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        try (ConsoleCapture console = new ConsoleCapture()) {
            long start = System.nanoTime();
            int rc = verify(
                    kafkaProfile("verify-refused"),
                    kafkaSecrets(wrong, kafka.certificates().caPem()));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, rc, console.err());
            List<String> lines = console.err().lines().toList();
            assertEquals(1, lines.size(), console.err());
            assertTrue(
                    lines.get(0)
                            .startsWith("cannot verify: authentication with Kafka at "
                                    + kafka.bootstrapServers(KafkaSecurityProtocol.SASL_SSL)
                                    + " failed (SASL_SSL): "),
                    lines.get(0));
            assertTrue(lines.get(0).endsWith("; check sink.kafka.security and the Secrets it names"), lines.get(0));
            assertTrue(seconds < 10, "refused at once, not after the connect timeout: " + seconds + " s");
            String all = console.out() + console.err();
            assertFalse(all.contains(wrong) || all.contains(PASSWORD), "a password was printed: " + all);
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaEndsVerifyWithExitOne() throws Exception {
        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = verify(
                    kafkaProfile("verify-untrusted"),
                    kafkaSecrets(PASSWORD, TestCertificates.generate().caPem()));
            assertEquals(1, rc, console.err());
            assertEquals(1, console.err().lines().count(), console.err());
            assertTrue(
                    console.err().contains("failed (SASL_SSL): TLS handshake: PKIX path validation failed"),
                    console.err());
        }
    }

    @Test
    void aMissingSecretFileIsBadInputNamingTheField() throws Exception {
        Path secrets = kafkaSecrets(PASSWORD, kafka.certificates().caPem());
        Files.delete(secrets.resolve("kafka-user/password"));
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(2, verify(kafkaProfile("verify-unread"), secrets), console.err());
            assertTrue(
                    console.err()
                            .contains("spec.sink.kafka.security.sasl.secretRef.passwordKey: no readable file "
                                    + secrets.resolve("kafka-user/password")),
                    console.err());
        }
    }

    @Test
    void aTokenOverTlsRunVerifiesCleanAndTheTokenIsNeverShown() throws Exception {
        Path profile = pulsarProfile("verify-token-tls");
        String token = pulsar.token("loadfleet-verify");
        Path secrets = pulsarSecrets(token);
        try (ConsoleCapture console = new ConsoleCapture();
                LogCapture logs = new LogCapture(Map.of("org.apache.pulsar", Level.INFO))) {
            long acked = run(profile, secrets, console);
            assertEquals(0, verify(profile, secrets), console.err());
            assertReadAsAcked(acked, "verify-token-tls", console);
            assertTrue(logs.text().contains("pulsar+ssl://127.0.0.1"), "the capture saw the clients' logs");
            String all = console.out() + console.err() + logs.text();
            assertFalse(
                    all.contains(token.substring(token.lastIndexOf('.') + 1)),
                    "the token's signature was printed or logged");
        }
    }

    @Test
    void aTokenTheBrokerDidNotSignEndsVerifyWithExitOneNamingTheBroker() throws Exception {
        String forged = new PulsarTokenAuth().token("loadfleet-verify");
        try (ConsoleCapture console = new ConsoleCapture()) {
            long start = System.nanoTime();
            int rc = verify(pulsarProfile("verify-forged"), pulsarSecrets(forged));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, rc, console.err());
            assertEquals(1, console.err().lines().count(), console.err());
            assertTrue(
                    console.err()
                            .startsWith("cannot verify: cannot read persistent://public/default/verify-forged at "
                                    + pulsar.tlsServiceUrl() + ": "),
                    console.err());
            assertTrue(
                    console.err().strip().endsWith("; check sink.pulsar.auth and the Secret it names"), console.err());
            assertTrue(seconds < 15, "refused within the connect timeout: " + seconds + " s");
            assertFalse(console.err().contains(forged.substring(forged.lastIndexOf('.') + 1)), console.err());
        }
    }

    /** The Pulsar client retries a failed TLS handshake until its operation timeout, the connect timeout. */
    @Test
    void aPulsarCertificateFromAnotherCaEndsVerifyWithExitOneWithinTheConnectTimeout() throws Exception {
        try (ConsoleCapture console = new ConsoleCapture()) {
            long start = System.nanoTime();
            int rc = verify(
                    pulsarProfile("verify-untrusted"),
                    pulsarSecrets(
                            pulsar.token("loadfleet-verify"),
                            TestCertificates.generate().caPem()),
                    "5s");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, rc, console.err());
            assertEquals(1, console.err().lines().count(), console.err());
            assertTrue(
                    console.err()
                            .startsWith("cannot verify: cannot read persistent://public/default/verify-untrusted at "
                                    + pulsar.tlsServiceUrl() + ": "),
                    console.err());
            assertTrue(seconds < 15, "given up after the 5 s connect timeout: " + seconds + " s");
        }
    }
}

package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.pulsar.PulsarTokenAuth;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.LogCapture;
import io.loadfleet.worker.testing.PulsarTopics;
import io.loadfleet.worker.testing.SecuredPulsarBroker;
import io.loadfleet.worker.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadfleet run} against a real Pulsar standalone that demands a token, over TLS
 * (pulsar+ssl://) trusting the CA from a Secret file and creating a partitioned topic through the
 * admin API with the same token: every record acked and on the topic. A token the broker did not
 * sign, or a broker certificate from another CA, ends the run with exit 1 and one line, not a hang.
 */
@Timeout(300)
class PulsarSecurityTest {
    @RegisterExtension
    static final SecuredPulsarBroker pulsar = new SecuredPulsarBroker();

    @TempDir
    Path dir;

    /** DIR/SECRET/KEY, as a pod has its Secrets mounted. */
    Path secrets(String token, String caPem) throws Exception {
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets.resolve("pulsar-token"));
        Files.writeString(secrets.resolve("pulsar-token/token"), token + "\n");
        Files.createDirectories(secrets.resolve("pulsar-ca"));
        Files.writeString(secrets.resolve("pulsar-ca/ca.crt"), caPem);
        return secrets;
    }

    int run(String topic, Path secrets) throws Exception {
        return run(topic, secrets, "20s");
    }

    int run(String topic, Path secrets, String connectTimeout) throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: secured}
                spec:
                  targetRate: 500
                  replicas: 2
                  devices: {count: 50}
                  generator: {type: temperature}
                  format: avro
                  sink:
                    pulsar:
                      topic: %s
                      partitions: 2
                      adminUrl: %s
                      auth: {token: {secretRef: {name: pulsar-token}}}
                      tls: {secretRef: {name: pulsar-ca}}
                """.formatted(topic, pulsar.adminUrl()));
        return Loadfleet.execute(
                "run",
                profile.toString(),
                "--service-url",
                pulsar.tlsServiceUrl(),
                "--secrets-dir",
                secrets.toString(),
                "--duration",
                "2s",
                "--connect-timeout",
                connectTimeout,
                "--summary",
                dir.resolve("s.json").toString());
    }

    @Test
    void aTokenOverTlsSendsEveryRecordAndTheTokenIsNeitherPrintedNorLogged() throws Exception {
        String token = pulsar.token("loadfleet-producer");
        try (ConsoleCapture console = new ConsoleCapture();
                LogCapture logs = new LogCapture(Map.of("org.apache.pulsar", Level.INFO))) {
            assertEquals(0, run("secured", secrets(token, pulsar.certificates().caPem())), console.err());
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("s.json").toFile());
            assertEquals(1000, summary.get("acked").asLong(), "500 msg/s for 2 s: " + summary);
            var reader = PulsarClient.builder()
                    .serviceUrl(pulsar.serviceUrl())
                    .authentication(AuthenticationFactory.token(pulsar.token(PulsarTokenAuth.ADMIN_ROLE)));
            assertEquals(
                    1000,
                    PulsarTopics.readAll(reader, "persistent://public/default/secured", 1000, m -> m)
                            .size());
            String all = console.out() + console.err() + logs.text();
            assertTrue(logs.text().contains("pulsar+ssl://127.0.0.1"), "the capture saw the client's logs");
            assertFalse(
                    all.contains(token.substring(token.lastIndexOf('.') + 1)),
                    "the token's signature was printed or logged");
        }
    }

    @Test
    void aTokenTheBrokerDidNotSignEndsTheRunWithExitOne() throws Exception {
        String forged = new PulsarTokenAuth().token("loadfleet-producer");
        try (ConsoleCapture console = new ConsoleCapture()) {
            long start = System.nanoTime();
            int rc = run("forged", secrets(forged, pulsar.certificates().caPem()));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, rc, console.err());
            assertTrue(
                    console.err()
                            .contains("cannot start the run: the Pulsar admin API at " + pulsar.adminUrl()
                                    + " refused this client (HTTP 401): check sink.pulsar.auth"),
                    console.err());
            assertTrue(seconds < 20, "refused, not waited out: " + seconds + " s");
            assertFalse(console.err().contains(forged.substring(forged.lastIndexOf('.') + 1)), console.err());
        }
    }

    /** The Pulsar client retries a failed TLS handshake until its operation timeout: 5 s here. */
    @Test
    void aBrokerCertificateFromAnotherCaEndsTheRunWithExitOne() throws Exception {
        try (ConsoleCapture console = new ConsoleCapture()) {
            int rc = run(
                    "untrusted",
                    secrets(
                            pulsar.token("loadfleet-producer"),
                            TestCertificates.generate().caPem()),
                    "5s");
            assertEquals(1, rc, console.err());
            assertTrue(
                    console.err()
                            .contains("cannot send to persistent://public/default/untrusted at "
                                    + pulsar.tlsServiceUrl()),
                    console.err());
        }
    }
}

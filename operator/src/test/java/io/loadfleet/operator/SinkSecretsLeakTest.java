package io.loadfleet.operator;

import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.ConsoleCapture;
import io.loadfleet.worker.KafkaTopics;
import io.loadfleet.worker.LogCapture;
import io.loadfleet.worker.SecuredKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A fleet that authenticates to Kafka (SASL_SSL, SCRAM-SHA-512, the broker's CA) with credentials
 * from Secrets, through the real operator and workers, and nowhere a credential may not be: the
 * password, raw or base64-encoded as in the Secret, appears in none of the LoadProfile (spec and
 * status), the namespace's Events, ConfigMaps, StatefulSets, Pods, Services and NetworkPolicies,
 * the workers' control API answers, and all the operator and workers logged (at INFO and above for
 * the libraries, with kafka-clients' config dumps on; DEBUG for loadfleet and JOSDK) or printed.
 * The same scan then finds a planted copy, so it can fail.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(180)
class SinkSecretsLeakTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();
    @RegisterExtension
    static final SecuredKafkaBroker kafka = new SecuredKafkaBroker("fleet-producer", PASSWORD);
    KubernetesClient client;
    KubernetesMockServer server;

    static String profile() {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: secured, namespace: test}
                spec:
                  targetRate: 2000
                  replicas: 2
                  devices: {count: 1000}
                  generator: {type: smart-meter, seed: 3}
                  sink:
                    kafka:
                      bootstrapServers: "%s"
                      topic: secured-readings
                      partitions: 2
                      security:
                        protocol: SASL_SSL
                        sasl: {mechanism: SCRAM-SHA-512, secretRef: {name: kafka-user}}
                        tls: {secretRef: {name: kafka-ca}}
                """.formatted(kafka.bootstrapServers(KafkaSecurityProtocol.SASL_SSL));
    }

    @Test
    void recordsFlowAndTheCredentialsAppearNowhereElse() throws Exception {
        int port = FleetEndToEndTest.freePort();
        createSecret("kafka-user", Map.of("username", "fleet-producer", "password", PASSWORD));
        createSecret("kafka-ca", Map.of("ca.crt", kafka.certificates().caPem()));
        try (ConsoleCapture console = new ConsoleCapture();
                LogCapture logs = new LogCapture(Map.of("io.loadfleet", Level.DEBUG, "io.javaoperatorsdk", Level.DEBUG,
                        "io.fabric8", Level.INFO, "org.apache.kafka.clients", Level.INFO,
                        "org.apache.kafka.common.config", Level.INFO));
                OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile());
            await(WAIT, () -> FleetEndToEndTest.phase(operator, "secured") == Phase.Running
                    && operator.get("secured").getStatus().getAcked() != null && operator.get("secured").getStatus().getAcked() > 2_000,
                    () -> "status " + FleetEndToEndTest.status(operator, "secured"));
            // Paused and settled, the topic (read through the PLAINTEXT listener) holds exactly what the fleet acked.
            long acked = FleetEndToEndTest.pauseAndSettle(operator, cluster, profile() + "  paused: true\n");
            assertEquals(2, cluster.pods().size());
            assertEquals(acked, KafkaTopics.readAll(kafka.bootstrapServers(), "secured-readings", acked).size());
            System.out.println("secrets e2e: " + acked + " records acked over SASL_SSL/SCRAM-SHA-512 by 2 pods, all on the topic");
            assertTrue(logs.text().contains("sasl.jaas.config = [hidden]"), "the capture saw the workers' producer config");

            Map<String, String> places = places(operator, cluster, logs, console);
            assertEquals(List.of(), placesHolding(places), "the password leaked");

            // The negative control: the same scan finds a copy planted in a ConfigMap and in a log line.
            client.configMaps().inNamespace("test").resource(new ConfigMapBuilder().withNewMetadata().withName("planted")
                    .endMetadata().addToData("oops", Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))
                    .build()).create();
            LoggerFactory.getLogger("io.loadfleet.planted").info("connecting with {}", PASSWORD);
            List<String> found = placesHolding(places(operator, cluster, logs, console));
            assertTrue(found.containsAll(List.of("ConfigMaps", "logs")), "the scan finds what was planted: " + found);
        }
    }

    void createSecret(String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        client.secrets().inNamespace("test").resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withData(data).build()).create();
    }

    /** Everything the operator and workers wrote or said, by where it is. */
    Map<String, String> places(OperatorFixture operator, ClusterSimulator cluster, LogCapture logs, ConsoleCapture console)
            throws Exception {
        Map<String, String> places = new LinkedHashMap<>();
        places.put("LoadProfile", Serialization.asJson(operator.get("secured")));
        places.put("Events", nonEmpty(client.v1().events().inNamespace("test").list().getItems()));
        places.put("ConfigMaps", nonEmpty(client.configMaps().inNamespace("test").list().getItems()));
        places.put("StatefulSets", nonEmpty(client.apps().statefulSets().inNamespace("test").list().getItems()));
        places.put("Pods", nonEmpty(client.pods().inNamespace("test").list().getItems()));
        places.put("Services", nonEmpty(client.services().inNamespace("test").list().getItems()));
        places.put("NetworkPolicies", nonEmpty(client.network().v1().networkPolicies().inNamespace("test").list().getItems()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder control = new StringBuilder();
        for (ClusterSimulator.RunningPod pod : cluster.pods().values()) {
            for (String path : List.of("/status", "/metrics")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + pod.ip() + ":"
                        + pod.pod().port() + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), pod.name() + path);
                control.append(response.body());
            }
        }
        places.put("control API", control.toString());
        places.put("logs", logs.text());
        places.put("stdout", console.out());
        places.put("stderr", console.err());
        return places;
    }

    /** The places holding the password as is, or as base64 (how a Secret or a careless dump would carry it). */
    static List<String> placesHolding(Map<String, String> places) {
        String base64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        return places.entrySet().stream().filter(e -> e.getValue().contains(PASSWORD) || e.getValue().contains(base64))
                .map(Map.Entry::getKey).toList();
    }

    /** A scan of nothing proves nothing: each kind of object the scan reads must exist. */
    static String nonEmpty(List<?> items) {
        assertTrue(!items.isEmpty(), "nothing to scan");
        return Serialization.asJson(items);
    }
}

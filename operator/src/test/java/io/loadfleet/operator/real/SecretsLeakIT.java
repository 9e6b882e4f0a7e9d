package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.status.Phase;
import io.loadfleet.registry.ApicurioRegistry;
import io.loadfleet.registry.BasicAuthFront;
import io.loadfleet.worker.sink.registry.RegistryFraming;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.SecuredKafkaBroker;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet that authenticates to Kafka (SASL_SSL, SCRAM-SHA-512, the broker's CA) and to a schema
 * registry (HTTP Basic over TLS, in front of a real Apicurio) with credentials from Secrets, on the
 * real control plane: the pod runner mounts the Secrets into the worker pods
 * (group-readable by the pods' fsGroup, as the kubelet does) and the operator, whose role grants
 * nothing on Secrets, never asks for one (the API server's audit log). Neither password, raw or
 * base64-encoded as in the Secret (nor the registry's Authorization value), appears in none of the LoadProfile (spec and status), the
 * namespace's Events, ConfigMaps, StatefulSets, Pods, Services and NetworkPolicies, the workers'
 * control API answers, and all the operator and worker pods logged. The same scan then finds a
 * planted copy, so it can fail.
 */
@Timeout(600)
class SecretsLeakIT {
    static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();
    static final String REGISTRY_USER = "fleet-registry";
    static final String REGISTRY_PASSWORD = "r3g-" + UUID.randomUUID();

    @RegisterExtension
    static final SecuredKafkaBroker kafka = new SecuredKafkaBroker("fleet-producer", PASSWORD);

    static ApicurioRegistry registry;
    /** The registry behind HTTP Basic auth and TLS (the broker's certificate, so the kafka-ca Secret serves both). */
    static BasicAuthFront registryFront;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start();
        registryFront = BasicAuthFront.start(
                registry.ccompatUrl(),
                REGISTRY_USER,
                REGISTRY_PASSWORD,
                kafka.certificates().serverContext());
    }

    @AfterAll
    static void stopRegistry() {
        if (registryFront != null) {
            registryFront.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void recordsFlowAndTheCredentialsAppearNowhereElse() throws Exception {
        RealFleet fleet = new RealFleet("secured");
        secret(fleet, "kafka-user", Map.of("username", "fleet-producer", "password", PASSWORD));
        secret(fleet, "kafka-ca", Map.of("ca.crt", kafka.certificates().caPem()));
        secret(fleet, "registry-user", Map.of("username", REGISTRY_USER, "password", REGISTRY_PASSWORD));
        fleet.apply("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: secured}
                spec:
                  targetRate: 2000
                  replicas: 2
                  devices: {count: 1000}
                  generator: {type: smart-meter, seed: 3}
                  format: avro
                  sink:
                    kafka:
                      bootstrapServers: "%s"
                      topic: secured-readings
                      partitions: 2
                      security:
                        protocol: SASL_SSL
                        sasl: {mechanism: SCRAM-SHA-512, secretRef: {name: kafka-user}}
                        tls: {secretRef: {name: kafka-ca}}
                      schemaRegistry:
                        url: "%s"
                        basicAuth: {secretRef: {name: registry-user}}
                        tls: {secretRef: {name: kafka-ca}}
                """.formatted(kafka.bootstrapServers(KafkaSecurityProtocol.SASL_SSL), registryFront.url("")));
        await(
                WAIT,
                () -> fleet.phase("secured") == Phase.Running
                        && fleet.status("secured").getAcked() != null
                        && fleet.status("secured").getAcked() > 2_000,
                () -> fleet.describe("secured"));
        // paused and settled, the topic (read through the PLAINTEXT listener) holds exactly what the fleet acked
        long acked = fleet.pauseAndSettle("secured");
        var records = KafkaTopics.readAll(kafka.bootstrapServers(), "secured-readings", acked);
        assertEquals(acked, records.size());
        assertTrue(
                records.stream().allMatch(r -> RegistryFraming.isFramed(r.value())),
                "every value is framed for the registry behind basic auth and TLS");
        System.out.println("real secrets fleet: " + acked
                + " records acked over SASL_SSL/SCRAM-SHA-512 by 2 pods, all on the topic");

        Map<String, String> places = places(fleet);
        assertTrue(places.get("logs").contains("secured-readings"), "the scan reads the pods' logs");
        assertEquals(List.of(), placesHolding(places), "the password leaked");

        // the negative control: the same scan finds a copy planted in a ConfigMap
        fleet.admin
                .configMaps()
                .inNamespace(fleet.namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("planted")
                        .endMetadata()
                        .addToData(
                                "oops", Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .create();
        assertEquals(List.of("ConfigMaps"), placesHolding(places(fleet)), "the scan finds what was planted");
        fleet.deleteAndAwaitGone("secured");
    }

    static void secret(RealFleet fleet, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        fleet.admin
                .secrets()
                .inNamespace(fleet.namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withData(data)
                        .build())
                .create();
    }

    /** Everything the operator and workers wrote or said, by where it is. */
    static Map<String, String> places(RealFleet fleet) throws Exception {
        var admin = fleet.admin;
        String ns = fleet.namespace;
        Map<String, String> places = new LinkedHashMap<>();
        places.put(
                "LoadProfile",
                Serialization.asJson(admin.resources(LoadProfile.class)
                        .inNamespace(ns)
                        .withName("secured")
                        .get()));
        places.put("Events", nonEmpty(admin.v1().events().inNamespace(ns).list().getItems()));
        places.put(
                "ConfigMaps", nonEmpty(admin.configMaps().inNamespace(ns).list().getItems()));
        places.put(
                "StatefulSets",
                nonEmpty(admin.apps().statefulSets().inNamespace(ns).list().getItems()));
        places.put("Pods", nonEmpty(admin.pods().inNamespace(ns).list().getItems()));
        places.put("Services", nonEmpty(admin.services().inNamespace(ns).list().getItems()));
        places.put(
                "NetworkPolicies",
                nonEmpty(admin.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(ns)
                        .list()
                        .getItems()));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder control = new StringBuilder();
        StringBuilder logs = new StringBuilder();
        for (Pod pod : fleet.pods("secured")) {
            for (String path : List.of("/status", "/metrics")) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://" + pod.getStatus().getPodIP() + ":8080" + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), pod.getMetadata().getName() + path);
                control.append(response.body());
            }
            logs.append(fleet.cluster.podLog(pod, "worker"));
        }
        logs.append(fleet.cluster.podLog(fleet.cluster.operatorPod().orElseThrow(), "operator"));
        places.put("control API", control.toString());
        places.put("logs", logs.toString());
        return places;
    }

    /**
     * The places holding a password as is, or as base64 (how a Secret or a careless dump would carry
     * it), or the registry's Authorization header value.
     */
    static List<String> placesHolding(Map<String, String> places) {
        List<String> secrets = List.of(
                PASSWORD,
                base64(PASSWORD),
                REGISTRY_PASSWORD,
                base64(REGISTRY_PASSWORD),
                base64(REGISTRY_USER + ":" + REGISTRY_PASSWORD));
        return places.entrySet().stream()
                .filter(e -> secrets.stream().anyMatch(e.getValue()::contains))
                .map(Map.Entry::getKey)
                .toList();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A scan of nothing proves nothing: each kind of object the scan reads must exist. */
    static String nonEmpty(List<?> items) {
        assertTrue(!items.isEmpty(), "nothing to scan");
        return Serialization.asJson(items);
    }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet that authenticates to Kafka (SASL_SSL, SCRAM-SHA-512, the broker's CA) with credentials
 * from Secrets, on the real control plane: the pod runner mounts the Secrets into the worker pods
 * (group-readable by the pods' fsGroup, as the kubelet does) and the operator, whose role grants
 * nothing on Secrets, never asks for one (the API server's audit log). The password, raw or
 * base64-encoded as in the Secret, appears in none of the LoadProfile (spec and status), the
 * namespace's Events, ConfigMaps, StatefulSets, Pods, Services and NetworkPolicies, the workers'
 * control API answers, and all the operator and worker pods logged. The same scan then finds a
 * planted copy, so it can fail.
 */
@Timeout(600)
class SecretsLeakIT {
    static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();

    @RegisterExtension
    static final SecuredKafkaBroker kafka = new SecuredKafkaBroker("fleet-producer", PASSWORD);

    @Test
    void recordsFlowAndTheCredentialsAppearNowhereElse() throws Exception {
        RealFleet fleet = new RealFleet("secured");
        secret(fleet, "kafka-user", Map.of("username", "fleet-producer", "password", PASSWORD));
        secret(fleet, "kafka-ca", Map.of("ca.crt", kafka.certificates().caPem()));
        fleet.apply("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: secured}
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
                """.formatted(kafka.bootstrapServers(KafkaSecurityProtocol.SASL_SSL)));
        await(
                WAIT,
                () -> fleet.phase("secured") == Phase.Running
                        && fleet.status("secured").getAcked() != null
                        && fleet.status("secured").getAcked() > 2_000,
                () -> fleet.describe("secured"));
        // paused and settled, the topic (read through the PLAINTEXT listener) holds exactly what the fleet acked
        long acked = fleet.pauseAndSettle("secured");
        assertEquals(
                acked,
                KafkaTopics.readAll(kafka.bootstrapServers(), "secured-readings", acked)
                        .size());
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

    /** The places holding the password as is, or as base64 (how a Secret or a careless dump would carry it). */
    static List<String> placesHolding(Map<String, String> places) {
        String base64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        return places.entrySet().stream()
                .filter(e -> e.getValue().contains(PASSWORD) || e.getValue().contains(base64))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** A scan of nothing proves nothing: each kind of object the scan reads must exist. */
    static String nonEmpty(List<?> items) {
        assertTrue(!items.isEmpty(), "nothing to scan");
        return Serialization.asJson(items);
    }
}

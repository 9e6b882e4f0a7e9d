package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.Phase;
import io.loadfleet.registry.ApicurioRegistry;
import io.loadfleet.worker.sink.registry.RegistryFraming;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

/**
 * An avro-schema generator edited in a running fleet whose values are framed for a real schema
 * registry (Apicurio), on the real control plane: a compatible edit becomes the subject's version 2
 * and the pods roll onto it; an incompatible one is refused by the registry, the fleet keeps
 * running on version 2 with no pod restarted, and the status and an Event quote the registry. A
 * registry that is down from the start keeps the pods unready with a reason naming it.
 */
@Timeout(600)
class SchemaEvolutionIT {
    static final String TOPIC = "evolving";
    static final String SUBJECT = TOPIC + "-value";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"meter\",\"type\":\"long\"}]}";
    /** V1 plus a field with a default: BACKWARD compatible. */
    static final String V2 = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"meter\",\"type\":\"long\"},{\"name\":\"kwh\",\"type\":\"double\",\"default\":0.0}]}";
    /** V2 plus a field without a default: a reader of V3 cannot read V2's records. */
    static final String V3 = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"meter\",\"type\":\"long\"},{\"name\":\"kwh\",\"type\":\"double\",\"default\":0.0},"
            + "{\"name\":\"site\",\"type\":\"string\"}]}";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    static ApicurioRegistry registry;
    static RealFleet fleet;

    @BeforeAll
    static void start() throws Exception {
        registry = ApicurioRegistry.start();
        fleet = new RealFleet("schemas");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aCompatibleEditRollsOutAsVersionTwoAndAnIncompatibleOneIsRefusedWhileTheFleetRuns() throws Exception {
        KafkaTopics.create(kafka.bootstrapServers(), TOPIC, 2);
        fleet.apply(RealFleet.profile(
                "evolving", 400, 2, """
                  format: avro
                  generator: {type: avro-schema, avroSchema: {schema: '%s'}}
                  sink:
                    kafka:
                      bootstrapServers: "%s"
                      topic: %s
                      schemaRegistry: {url: "%s"}
                """.formatted(V1, kafka.bootstrapServers(), TOPIC, registry.ccompatUrl())));
        fleet.awaitRunning("evolving", 400, 2);
        int v1 = registryGet("/subjects/" + SUBJECT + "/versions/1").get("id").asInt();
        registry.ccompat("PUT", "/config/" + SUBJECT, "{\"compatibility\":\"BACKWARD\"}");

        editSchema(V2);
        await(WAIT, () -> versions() == 2, () -> fleet.describe("evolving"));
        int v2 = registryGet("/subjects/" + SUBJECT + "/versions/2").get("id").asInt();
        await(
                WAIT,
                () -> podsOnConfigWith("kwh") && fleet.phase("evolving") == Phase.Running,
                () -> fleet.describe("evolving"));
        fleet.awaitRunning("evolving", 400, 2);
        fleet.awaitAcksCaughtUp("evolving");
        Set<Integer> ids = schemaIdsOnTopic(Set.of(v1, v2));
        assertEquals(Set.of(v1, v2), ids, "values framed with version 1, then version 2");
        assertTrue(fleet.degraded("evolving").isEmpty(), fleet.describe("evolving"));

        Map<String, String> podsBefore = podUids();
        editSchema(V3);
        await(
                WAIT,
                () -> fleet.degraded("evolving")
                        .filter(c -> c.getReason().equals("SchemaRefused"))
                        .isPresent(),
                () -> fleet.describe("evolving"));
        Condition refused = fleet.degraded("evolving").orElseThrow();
        assertTrue(refused.getMessage().contains("(HTTP 409)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ncompatible"), "the registry's words: " + refused.getMessage());
        fleet.awaitDegradedEvent("evolving", "SchemaRefused");
        assertEquals(2, versions(), "version 3 was not registered");
        RealFleet.sleep(5_000);
        assertEquals(podsBefore, podUids(), "no pod restarted");
        assertTrue(podsOnConfigWith("kwh") && !podsOnConfigWith("site"), "the pods keep version 2");
        fleet.awaitRunning("evolving", 400, 2);

        editSchema(V2); // undo: the refusal clears
        await(WAIT, () -> fleet.degraded("evolving").isEmpty(), () -> fleet.describe("evolving"));
        assertEquals(podsBefore, podUids(), "undoing the refused edit restarts nothing");
    }

    @Test
    void aRegistryThatIsDownAtStartIsADegradedReasonNamingIt() throws Exception {
        String down = "http://127.0.0.1:" + io.loadfleet.childjvm.ChildJvm.freePort() + "/apis/ccompat/v7";
        fleet.apply(RealFleet.profile("unregistered", 100, 1, """
                  format: avro
                  generator: {type: temperature}
                  sink:
                    kafka:
                      bootstrapServers: "%s"
                      topic: unregistered
                      schemaRegistry: {url: "%s"}
                """.formatted(kafka.bootstrapServers(), down)));
        await(
                WAIT,
                () -> fleet.degraded("unregistered")
                        .filter(c -> c.getReason().equals("SinkUnreachable"))
                        .isPresent(),
                () -> fleet.describe("unregistered"));
        Condition degraded = fleet.degraded("unregistered").orElseThrow();
        assertTrue(
                degraded.getMessage().contains("schema registry at " + down + " did not answer (connection refused)"),
                degraded.getMessage());
        assertEquals(0, fleet.status("unregistered").getReadyReplicas(), "the pod stays unready");
        fleet.deleteAndAwaitGone("unregistered");
    }

    void editSchema(String schema) throws Exception {
        fleet.patch(
                "evolving",
                JSON.writeValueAsString(Map.of(
                        "spec", Map.of("generator", Map.of("avroSchema", Map.of("schema", schema))))));
    }

    /** Whether the fleet's worker configuration (what its pods mount) holds {@code field}. */
    boolean podsOnConfigWith(String field) {
        String config = fleet.admin
                .configMaps()
                .inNamespace(fleet.namespace)
                .withName("evolving-worker-config")
                .get()
                .getData()
                .values()
                .iterator()
                .next();
        var sts = fleet.admin
                .apps()
                .statefulSets()
                .inNamespace(fleet.namespace)
                .withName("evolving")
                .get();
        boolean rolledOut = sts != null
                && sts.getStatus() != null
                && sts.getStatus().getUpdateRevision() != null
                && sts.getStatus().getUpdateRevision().equals(sts.getStatus().getCurrentRevision())
                && Integer.valueOf(2).equals(sts.getStatus().getReadyReplicas());
        return rolledOut && config.contains("\\\"" + field + "\\\"");
    }

    Map<String, String> podUids() {
        return fleet.pods("evolving").stream()
                .collect(Collectors.toMap(
                        p -> p.getMetadata().getName(),
                        (Pod p) -> p.getMetadata().getUid()));
    }

    /** The schema ids of the topic's values from the beginning, read until every one of {@code expected} showed up. */
    Set<Integer> schemaIdsOnTopic(Set<Integer> expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Set<Integer> ids = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(i -> new TopicPartition(TOPIC, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ids.containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    assertTrue(RegistryFraming.isFramed(r.value()), "every value is framed");
                    ids.add(RegistryFraming.schemaId(r.value()));
                }
            }
        }
        return ids;
    }

    int versions() {
        try {
            return registryGet("/subjects/" + SUBJECT + "/versions").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode registryGet(String path) throws Exception {
        return JSON.readTree(registry.ccompat("GET", path, null));
    }
}

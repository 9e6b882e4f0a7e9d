package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.TransactionRows;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dataset fleet on the real control plane: the dataset in a ConfigMap that the pod runner mounts
 * into the worker pods, which load and check it; a bad row is reported in the LoadProfile's status,
 * and the fixed dataset (a new ConfigMap, as Kustomize's configMapGenerator names it) rolls the pods
 * and is replayed into a real broker keyed by its key column.
 */
@Timeout(600)
class DatasetFleetIT {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    String profile(String configMap) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: replay}
                spec:
                  targetRate: 2000
                  replicas: 2
                  devices: {count: 100}
                  generator:
                    type: dataset
                    seed: 5
                    dataset:
                      configMapRef: {name: %s, key: tx.csv}
                      keyColumn: account_id
                      columns: [{name: txn_id, type: int}, {name: account_id, type: string}, {name: amount, type: double}]
                  format: avro
                  sink: {kafka: {bootstrapServers: "%s", topic: real-replay}}
                """.formatted(configMap, kafka.bootstrapServers());
    }

    @Test
    void aBadRowIsReportedInStatusAndAGoodDatasetIsReplayed() throws Exception {
        RealFleet fleet = new RealFleet("dataset");
        for (var dataset : List.of(
                List.of("tx-v1", TransactionRows.csv().replace("\n7,acct-7,8.75,", "\n7,acct-7,8.7.5,")),
                List.of("tx-v2", TransactionRows.csv()))) {
            fleet.admin
                    .configMaps()
                    .inNamespace(fleet.namespace)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(dataset.get(0))
                            .endMetadata()
                            .addToData("tx.csv", dataset.get(1))
                            .build())
                    .create();
        }
        fleet.apply(profile("tx-v1"));
        await(
                WAIT,
                () -> degraded(fleet).contains("line 9: column amount \"8.7.5\" is not a double"),
                () -> fleet.describe("replay"));
        System.out.println("real dataset fleet: " + degraded(fleet));
        assertEquals(Phase.Pending, fleet.phase("replay"), "no epoch while no pod has its data");
        assertTrue(
                degraded(fleet)
                        .matches(
                                "GeneratorInputUnusable: pod\\(s\\) \\[[0-9, ]+\\] cannot load their generator's input: .*"),
                degraded(fleet));
        fleet.awaitDegradedEvent("replay", "GeneratorInputUnusable");
        assertEquals(
                List.of(WorkerState.LOADING_INPUT),
                fleet.workers("replay").stream()
                        .map(WorkerStatus::state)
                        .distinct()
                        .toList(),
                "the pods say which step they wait at");
        assertTrue(
                fleet.pods("replay").stream().noneMatch(io.loadfleet.operator.cluster.LocalCluster::ready),
                "no pod is Ready by its readiness probe while its data is bad");

        fleet.apply(profile("tx-v2"));
        await(WAIT, () -> fleet.phase("replay") == Phase.Running, () -> fleet.describe("replay"));
        await(WAIT, () -> fleet.ackedByPods("replay") >= 4_000, () -> fleet.describe("replay"));
        long acked = fleet.pauseAndSettle("replay");
        Schema schema = SchemaBuilder.record("DatasetRow")
                .namespace("io.loadfleet.dataset")
                .fields()
                .requiredInt("txn_id")
                .requiredString("account_id")
                .requiredDouble("amount")
                .endRecord();
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(schema);
        Set<Integer> rows = new HashSet<>();
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.readAll(kafka.bootstrapServers(), "real-replay", acked);
        assertEquals(acked, records.size(), "status.acked is what the broker holds");
        for (ConsumerRecord<byte[], byte[]> r : records) {
            GenericRecord row = avro.read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
            int i = (Integer) row.get("txn_id");
            rows.add(i);
            assertEquals("acct-" + i % 10, row.get("account_id").toString());
            assertEquals("acct-" + i % 10, new String(r.key(), StandardCharsets.UTF_8));
        }
        System.out.printf("real dataset fleet: %,d records acked, %d distinct rows of 50%n", acked, rows.size());
        assertEquals(50, rows.size(), "thousands of draws with replacement reach every row");
        fleet.deleteAndAwaitGone("replay");
    }

    private static String degraded(RealFleet fleet) {
        return fleet.degraded("replay")
                .map(c -> c.getReason() + ": " + c.getMessage())
                .orElse("");
    }
}

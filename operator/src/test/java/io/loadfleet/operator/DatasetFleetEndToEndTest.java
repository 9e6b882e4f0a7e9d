package io.loadfleet.operator;

import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.KafkaBroker;
import io.loadfleet.worker.KafkaTopics;
import io.loadfleet.worker.generate.DatasetTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * A dataset fleet as a cluster runs it: the dataset in a ConfigMap, mounted into the (simulated) pods,
 * which load and check it; a bad row is reported in the LoadProfile's status, a good dataset replayed
 * into a real broker keyed by its key column.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(180)
class DatasetFleetEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();
    KubernetesClient client;

    String profile(String configMap) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: replay, namespace: test}
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
                  sink: {kafka: {bootstrapServers: "%s", topic: e2e-replay}}
                """.formatted(configMap, kafka.bootstrapServers());
    }

    void putDataset(String name, String csv) {
        client.configMaps().inNamespace("test").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace("test").endMetadata().addToData("tx.csv", csv).build()).create();
    }

    @Test
    void aBadRowIsReportedInStatusAndAGoodDatasetIsReplayed() throws Exception {
        int port = FleetEndToEndTest.freePort();
        putDataset("tx-v1", DatasetTest.csv().replace("\n7,acct-7,8.75,", "\n7,acct-7,8.7.5,"));
        putDataset("tx-v2", DatasetTest.csv());
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile("tx-v1"));
            await(WAIT, () -> degraded(operator).contains("line 9: column amount \"8.7.5\" is not a double"),
                    () -> "status " + FleetEndToEndTest.status(operator, "replay"));
            System.out.println("e2e dataset: " + degraded(operator));
            assertEquals(Phase.Pending, FleetEndToEndTest.phase(operator, "replay"), "no epoch while no pod has its data");
            assertTrue(degraded(operator).matches("GeneratorInputUnusable: pod\\(s\\) \\[[0-9, ]+\\] cannot load their generator's input: .*"),
                    degraded(operator));
            assertEquals(List.of(WorkerState.LOADING_INPUT), FleetEndToEndTest.podStatuses(cluster).stream()
                    .map(WorkerStatus::state).distinct().toList(), "the pods say which step they wait at");

            // the fix, as Kustomize's configMapGenerator makes it: a new ConfigMap name, which rolls the pods
            operator.apply(profile("tx-v2"));
            await(WAIT, () -> FleetEndToEndTest.phase(operator, "replay") == Phase.Running,
                    () -> "status " + FleetEndToEndTest.status(operator, "replay"));
            await(WAIT, () -> FleetEndToEndTest.ackedByPods(cluster) >= 4_000, () -> "acked " + FleetEndToEndTest.ackedByPods(cluster));
            long acked = FleetEndToEndTest.pauseAndSettle(operator, cluster, profile("tx-v2") + "  paused: true\n");
            Schema schema = SchemaBuilder.record("DatasetRow").namespace("io.loadfleet.dataset").fields()
                    .requiredInt("txn_id").requiredString("account_id").requiredDouble("amount").endRecord();
            GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(schema);
            Set<Integer> rows = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(kafka.bootstrapServers(), "e2e-replay", acked)) {
                GenericRecord row = avro.read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
                int i = (Integer) row.get("txn_id");
                rows.add(i);
                assertEquals("acct-" + i % 10, row.get("account_id").toString());
                assertEquals("acct-" + i % 10, new String(r.key(), StandardCharsets.UTF_8));
            }
            System.out.printf("e2e dataset: %,d records acked, %d distinct rows of 50%n", acked, rows.size());
            assertEquals(50, rows.size(), "thousands of draws with replacement reach every row");
        }
    }

    private String degraded(OperatorFixture operator) {
        var lp = operator.get("replay");
        return lp == null || lp.getStatus() == null ? "" : lp.getStatus().getConditions().stream()
                .filter(c -> Condition.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus()))
                .map(c -> c.getReason() + ": " + c.getMessage()).findFirst().orElse("");
    }
}

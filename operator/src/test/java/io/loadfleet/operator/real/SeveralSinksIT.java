package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.api.status.SinkStatus;
import io.loadfleet.operator.coordinate.FleetCoordinator;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet sending to Kafka and writing JSON lines at once, on the real control plane: status.sinks shows each sink's
 * counts and rate; when the topic starts refusing records, Degraded names sink.kafka while the files keep every
 * record; the pods' files and the topic hold what each sink's status says.
 */
@Timeout(600)
class SeveralSinksIT {
    private static final String NAME = "both";
    private static final long RATE = 1_000;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void eachSinkIsCountedAndTheOneFailingIsNamed() throws Exception {
        KafkaTopics.create(kafka.bootstrapServers(), "real-both", 2);
        RealFleet fleet = new RealFleet("sinks");
        fleet.apply(RealFleet.profile(NAME, RATE, 2, """
                  generator: {type: transaction, seed: 5}
                  sink:
                    kafka: {bootstrapServers: "%s", topic: real-both}
                    file: {path: /tmp/lines, format: jsonl}
                """.formatted(kafka.bootstrapServers())));
        fleet.awaitRunning(NAME, RATE, 2);
        // one whole achievedRate window of steady sending, for both sinks' rates
        RealFleet.sleep(3_000 + FleetCoordinator.RATE_WINDOW.toMillis());
        LoadProfileStatus steady = fleet.status(NAME);
        assertEquals(
                List.of("kafka", "file"),
                steady.getSinks().stream().map(SinkStatus::type).toList());
        for (SinkStatus sink : steady.getSinks()) {
            assertEquals(RATE, sink.achievedRate(), RATE * 0.05, fleet.describe(NAME));
            assertEquals(0, sink.errors(), fleet.describe(NAME));
        }
        assertTrue(fleet.degraded(NAME).isEmpty(), fleet.describe(NAME));

        refuseRecords("real-both");
        await(
                WAIT,
                () -> fleet.degraded(NAME)
                        .filter(c -> c.getReason().equals("SinkFailing"))
                        .isPresent(),
                () -> fleet.describe(NAME));
        String message = fleet.degraded(NAME).orElseThrow().getMessage();
        assertTrue(message.startsWith("sink.kafka: ") && message.contains("RecordTooLarge"), message);
        System.out.println("real several sinks: " + message);

        fleet.patch(NAME, "{\"spec\":{\"paused\":true}}");
        await(
                WAIT,
                () -> fleet.phase(NAME) == Phase.Paused
                        && fleet.allWorkers(
                                NAME,
                                2,
                                w -> w.state() == WorkerState.PAUSED
                                        && w.counters().acked() + w.counters().errors()
                                                == w.counters().sent()),
                () -> fleet.describe(NAME));
        // one more pass, so the status holds the pods' settled counters
        await(
                WAIT,
                () -> {
                    LoadProfileStatus s = fleet.status(NAME);
                    return s.getAcked() + s.getErrors() == s.getSent();
                },
                () -> fleet.describe(NAME));
        LoadProfileStatus settled = fleet.status(NAME);
        long acked = settled.getAcked();
        SinkStatus onKafka = settled.getSinks().get(0);
        SinkStatus onFiles = settled.getSinks().get(1);
        assertTrue(onKafka.errors() > 0, fleet.describe(NAME));
        assertEquals(settled.getSent(), onKafka.acked() + onKafka.errors(), fleet.describe(NAME));
        assertEquals(settled.getSent(), onFiles.acked(), "the files took every record: " + fleet.describe(NAME));
        assertEquals(0, onFiles.errors(), fleet.describe(NAME));
        assertEquals(onKafka.acked(), acked, "a record is acked once every sink has it");

        long rows = 0;
        List<Pod> pods = fleet.pods(NAME);
        for (int shard = 0; shard < pods.size(); shard++) {
            Path dir = fleet.cluster.podVolume(pods.get(shard), "tmp").resolve("lines");
            rows += StoredRows.shard(dir, shard, FileFormat.JSONL, Generators.schema(GeneratorType.TRANSACTION))
                    .size();
        }
        assertEquals(onFiles.acked(), rows, "the pods' files hold what sink.file's status says");
        assertEquals(
                onKafka.acked(),
                KafkaTopics.readAll(kafka.bootstrapServers(), "real-both", onKafka.acked())
                        .size(),
                "the topic holds what sink.kafka's status says");
        System.out.printf(
                "real several sinks: %d sent, kafka %d acked %d refused, files %d rows%n",
                settled.getSent(), onKafka.acked(), onKafka.errors(), rows);
        assertEquals(
                List.of(),
                fleet.admin.v1().events().inNamespace(fleet.namespace).list().getItems().stream()
                        .filter(e -> "ReconcileFailed".equals(e.getReason()))
                        .map(Event::getMessage)
                        .toList(),
                "no pass of the operator failed");
        fleet.deleteAndAwaitGone(NAME);
    }

    /** Cuts the topic's largest batch below one record's size: the broker refuses every record from then on. */
    private static void refuseRecords(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
    }
}

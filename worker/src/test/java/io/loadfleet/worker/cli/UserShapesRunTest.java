package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.schema.DatasetSchema;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.TransactionRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code loadfleet run} of a dataset and of avro-schema profiles (flat and nested) into a real broker, read back with Avro's reader. */
@Timeout(180)
class UserShapesRunTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    static List<ConsumerRecord<byte[], byte[]>> runAndRead(Path profile, String topic, Path summaryFile)
            throws Exception {
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--summary",
                        summaryFile.toString()));
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertEquals(summary.get("sent").asLong(), summary.get("acked").asLong());
        assertEquals(3000, summary.get("acked").asLong(), "1500 msg/s for 2 s");
        // verify decodes every value with the profile's own schema
        Path verified = summaryFile.resolveSibling("verify.json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "verify",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--topic",
                        topic,
                        "--format",
                        "avro",
                        "--generator",
                        profile.toString(),
                        "--idle",
                        "2s",
                        "--summary",
                        verified.toString()));
        JsonNode verify = new ObjectMapper().readTree(verified.toFile());
        assertEquals(summary.get("acked").asLong(), verify.get("records").asLong());
        assertEquals(0, verify.get("undecodable").asLong());
        return KafkaTopics.readAll(
                kafka.bootstrapServers(), topic, summary.get("acked").asLong());
    }

    @Test
    void datasetRowsArriveKeyedByTheirKeyColumn() throws Exception {
        Path csv = Files.writeString(dir.resolve("tx.csv"), TransactionRows.csv());
        Path profile = Files.writeString(dir.resolve("replay.yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: replay}
                spec:
                  targetRate: 1500
                  replicas: 2
                  devices: {count: 100}
                  generator:
                    type: dataset
                    seed: 3
                    dataset:
                      path: %s
                      keyColumn: account_id
                      columns:
                        - {name: txn_id, type: int}
                        - {name: account_id, type: string}
                        - {name: amount, type: double}
                        - {name: note, type: string, nullable: true}
                  format: avro
                  sink: {kafka: {topic: replay, partitions: 2}}
                  duration: 2s
                """.formatted(csv));
        Schema schema = DatasetSchema.of(ProfileLoader.load(profile)
                .getSpec()
                .getGenerator()
                .getDataset()
                .getColumns());
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(schema);
        Set<Object> rows = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : runAndRead(profile, "replay", dir.resolve("summary.json"))) {
            GenericRecord row = avro.read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
            int i = (Integer) row.get("txn_id");
            rows.add(i);
            assertEquals("acct-" + i % 10, row.get("account_id").toString());
            assertEquals(i * 1.25, (Double) row.get("amount"), 0.005);
            assertEquals(
                    i % 5 == 0 ? "note " + i : null,
                    row.get("note") == null ? null : row.get("note").toString());
            assertEquals("acct-" + i % 10, new String(r.key(), StandardCharsets.UTF_8), "keyed by account_id");
        }
        assertEquals(50, rows.size(), "3,000 draws with replacement reach all 50 rows");
    }

    @Test
    void avroSchemaRecordsDecodeWithTheUsersSchema() throws Exception {
        String example = Files.readString(Path.of("..", "deploy", "examples", "orders-avro-schema.yaml"));
        Path profile = Files.writeString(
                dir.resolve("orders.yaml"),
                example.replace("targetRate: 2000", "targetRate: 1500\n  duration: 2s")
                        .replace("topic: orders", "topic: orders-run"));
        Schema schema = Generators.shape(ProfileLoader.load(profile).getSpec().getGenerator(), null)
                .schema();
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(schema);
        Set<Long> orderNumbers = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : runAndRead(profile, "orders-run", dir.resolve("summary.json"))) {
            GenericRecord order = avro.read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
            assertEquals(
                    order.get("customer_id").toString(),
                    new String(r.key(), StandardCharsets.UTF_8),
                    "keyed by device id");
            assertTrue(order.get("sku").toString().matches("[A-Z]{3}-\\d{4}"), order.toString());
            orderNumbers.add((Long) order.get("order_no"));
        }
        assertTrue(orderNumbers.contains(1000L), "each shard counts from 1000");
    }

    @Test
    void nestedRecordsArriveAndVerifyDecodesEveryOne() throws Exception {
        String example = Files.readString(Path.of("..", "deploy", "examples", "nested-avro-schema.yaml"));
        Path profile = Files.writeString(
                dir.resolve("nested.yaml"),
                example.replace("targetRate: 2000", "targetRate: 1500\n  duration: 2s")
                        .replace("topic: nested-orders", "topic: nested-run"));
        Schema schema = Generators.shape(ProfileLoader.load(profile).getSpec().getGenerator(), null)
                .schema();
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(schema);
        for (ConsumerRecord<byte[], byte[]> r : runAndRead(profile, "nested-run", dir.resolve("summary.json"))) {
            GenericRecord order = avro.read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
            GenericRecord customer = (GenericRecord) order.get("customer");
            assertEquals(customer.get("id").toString(), new String(r.key(), StandardCharsets.UTF_8));
            assertTrue(((List<?>) order.get("lines")).size() >= 1, order.toString());
        }
    }
}

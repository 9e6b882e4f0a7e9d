package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.device;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.AvroSchemaSpec;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.records.GeneratedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The avro-schema generator, driven by the shipped example's schema (deploy/examples/orders-avro-schema.yaml),
 * which uses every rule; records are checked as Avro's own reader decodes them and as JSON parses.
 */
class AvroSchemaGeneratorTest {
    private static final int RECORDS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static GeneratorSpec example() throws Exception {
        LoadProfile profile = ProfileLoader.load(Path.of("..", "deploy", "examples", "orders-avro-schema.yaml"));
        return profile.getSpec().getGenerator();
    }

    /** Every record of the fixture shard, encoded as Avro and decoded by Avro's GenericDatumReader. */
    static List<GenericRecord> decoded(RecordShape shape, int count) throws Exception {
        RecordGenerator generator = shape.create(GeneratorFixtures.settings());
        RecordEncoder avro = Encoders.create(Format.AVRO, shape.schema());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(shape.schema());
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        List<GenericRecord> records = new ArrayList<>();
        for (long seq = 0; seq < count; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            records.add(reader.read(null, DecoderFactory.get().binaryDecoder(avro.encode(record), null)));
        }
        return records;
    }

    @Test
    void everyRuleShapesItsFieldAsAvroReadsIt() throws Exception {
        RecordShape shape = Generators.shape(example(), null);
        List<GenericRecord> records = decoded(shape, RECORDS);
        Pattern sku = Pattern.compile("[A-Z]{3}-\\d{4}");
        Map<String, Integer> channels = new HashMap<>();
        Set<String> currencies = new HashSet<>();
        int nullCoupons = 0;
        int gifts = 0;
        for (int seq = 0; seq < RECORDS; seq++) {
            GenericRecord r = records.get(seq);
            assertEquals(
                    String.format("dev-%07d", device(seq)), r.get("customer_id").toString(), "device-id");
            assertEquals(1000L + seq, r.get("order_no"), "iteration from 1000 by 1");
            assertTrue(sku.matcher(r.get("sku").toString()).matches(), "regex: " + r.get("sku"));
            int quantity = (Integer) r.get("quantity");
            assertTrue(quantity >= 1 && quantity < 10, "int range [1, 10): " + quantity);
            double price = (Double) r.get("unit_price");
            assertTrue(price >= 0.5 && price < 250, "double range [0.5, 250): " + price);
            channels.merge(r.get("channel").toString(), 1, Integer::sum);
            currencies.add(r.get("currency").toString());
            Object coupon = r.get("coupon");
            if (coupon == null) {
                nullCoupons++;
            } else {
                int length = coupon.toString().length();
                assertTrue(
                        length >= 6 && length <= 10 && coupon.toString().matches("[A-Za-z0-9]+"),
                        "length 6..10: " + coupon);
            }
            gifts += (Boolean) r.get("gift") ? 1 : 0;
            assertEquals(eventTime(seq), r.get("ordered_at"), "a timestamp-millis without a rule is the event time");
        }
        // weighted options 6:3:1, list options uniform, null odds 0.8, default boolean fair (±3 % of 20,000 draws)
        assertEquals(0.6, channels.get("WEB") / (double) RECORDS, 0.03, channels.toString());
        assertEquals(0.3, channels.get("APP") / (double) RECORDS, 0.03, channels.toString());
        assertEquals(0.1, channels.get("STORE") / (double) RECORDS, 0.03, channels.toString());
        assertEquals(Set.of("EUR", "USD", "GBP"), currencies);
        assertEquals(0.8, nullCoupons / (double) RECORDS, 0.03);
        assertEquals(0.5, gifts / (double) RECORDS, 0.03);
    }

    @Test
    void typeDefaultsApplyToFieldsWithoutRules() throws Exception {
        RecordShape shape = Generators.shape(spec("""
                {"type": "record", "name": "D", "fields": [
                  {"name": "s", "type": "string"}, {"name": "i", "type": "int"}, {"name": "l", "type": "long"},
                  {"name": "d", "type": "double"}, {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}},
                  {"name": "n", "type": ["null", "int"]}]}"""), null);
        Set<Object> symbols = new HashSet<>();
        for (GenericRecord r : decoded(shape, 2_000)) {
            assertTrue(r.get("s").toString().matches("[A-Za-z0-9]{8}"), r.toString());
            assertTrue((Integer) r.get("i") >= 0 && (Integer) r.get("i") < 1000, r.toString());
            assertTrue((Long) r.get("l") >= 0 && (Long) r.get("l") < 1_000_000, r.toString());
            assertTrue((Double) r.get("d") >= 0 && (Double) r.get("d") < 1, r.toString());
            symbols.add(r.get("e").toString());
            assertTrue(r.get("n") != null, "a nullable field without null odds is never null");
        }
        assertEquals(Set.of("A", "B"), symbols);
    }

    @Test
    void jsonCarriesTheSameValuesWithNullsAndSymbols() throws Exception {
        RecordShape shape = Generators.shape(example(), null);
        RecordGenerator generator = shape.create(GeneratorFixtures.settings());
        RecordEncoder json = Encoders.create(Format.JSON, shape.schema());
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        List<GenericRecord> avro = decoded(shape, 500);
        for (int seq = 0; seq < 500; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            JsonNode node = JSON.readTree(json.encode(record));
            GenericRecord expected = avro.get(seq);
            assertEquals(expected.getSchema().getFields().size(), node.size());
            assertEquals(expected.get("channel").toString(), node.get("channel").asText());
            if (expected.get("coupon") == null) {
                assertTrue(node.get("coupon").isNull(), node.toString());
            } else {
                assertEquals(
                        expected.get("coupon").toString(), node.get("coupon").asText());
            }
            assertEquals(
                    (Double) expected.get("unit_price"), node.get("unit_price").asDouble(), 0.0);
            assertEquals(
                    Instant.ofEpochMilli(eventTime(seq)).toString(),
                    node.get("ordered_at").asText());
        }
    }

    @Test
    void sameSeedSameRecordsOtherSeedOthers() throws Exception {
        RecordShape shape = Generators.shape(example(), null);
        RecordEncoder avro = Encoders.create(Format.AVRO, shape.schema());
        byte[] first = encodeAll(shape.create(GeneratorFixtures.settings()), avro, shape);
        byte[] again = encodeAll(shape.create(GeneratorFixtures.settings()), avro, shape);
        byte[] other = encodeAll(
                shape.create(new GeneratorSettings(
                        GeneratorFixtures.SEED + 1, 0, GeneratorFixtures.DEVICE_START, GeneratorFixtures.DEVICE_END)),
                avro,
                shape);
        assertArrayEquals(first, again);
        assertTrue(!java.util.Arrays.equals(first, other));
    }

    private static byte[] encodeAll(RecordGenerator generator, RecordEncoder encoder, RecordShape shape)
            throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        for (long seq = 0; seq < 1_000; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            out.write(encoder.encode(record));
        }
        return out.toByteArray();
    }

    @Test
    void readsTheSchemaFromItsConfigMapKeyAndRefusesBadRules(@TempDir Path dir) throws Exception {
        String text = example().getAvroSchema().getSchema();
        Files.createDirectories(dir.resolve("order-schema"));
        Files.writeString(dir.resolve("order-schema/order.avsc"), text);
        GeneratorSpec fromConfigMap = new GeneratorSpec();
        fromConfigMap.setType(GeneratorType.AVRO_SCHEMA);
        AvroSchemaSpec ref = new AvroSchemaSpec();
        ref.setConfigMapRef(new ConfigMapKeyRef("order-schema", "order.avsc"));
        fromConfigMap.setAvroSchema(ref);
        GeneratorInputs inputs = new GeneratorInputs(dir, null);
        assertEquals(
                Generators.shape(example(), null).schema(),
                Generators.shape(fromConfigMap, inputs).schema());

        Files.writeString(dir.resolve("order-schema/order.avsc"), text.replace("\"max\": 10}", "\"max\": 0}"));
        GeneratorInputException bad =
                assertThrows(GeneratorInputException.class, () -> Generators.shape(fromConfigMap, inputs));
        assertTrue(
                bad.getMessage()
                        .contains("spec.generator.avroSchema.configMapRef (ConfigMap order-schema key order.avsc): "
                                + "field quantity: arg.properties.range: min 1 must be below max 0"),
                bad.getMessage());

        ref.setConfigMapRef(new ConfigMapKeyRef("absent", "order.avsc"));
        GeneratorInputException missing =
                assertThrows(GeneratorInputException.class, () -> Generators.shape(fromConfigMap, inputs));
        assertTrue(
                missing.getMessage().contains("--config-maps-dir DIR holding DIR/absent/order.avsc"),
                missing.getMessage());
    }

    static GeneratorSpec spec(String schema) {
        GeneratorSpec spec = new GeneratorSpec();
        spec.setType(GeneratorType.AVRO_SCHEMA);
        spec.setAvroSchema(new AvroSchemaSpec(schema));
        return spec;
    }

    @Test
    void intIterationWrapsAsAnIntAndDoubleIterationSteps() throws Exception {
        RecordShape shape = Generators.shape(spec("""
                {"type": "record", "name": "I", "fields": [
                  {"name": "i", "type": "int", "arg.properties": {"iteration": {"start": 2147483646, "step": 1}}},
                  {"name": "d", "type": "double", "arg.properties": {"iteration": {"start": 0.5, "step": 0.25}}}]}"""), null);
        List<GenericRecord> r = decoded(shape, 3);
        assertEquals(
                List.of(2147483646, 2147483647, -2147483648),
                r.stream().map(x -> x.get("i")).toList());
        assertEquals(List.of(0.5, 0.75, 1.0), r.stream().map(x -> x.get("d")).toList());
    }

    @Test
    void aNullBranchSecondInTheUnionEncodesAsAvroExpects() throws Exception {
        RecordShape shape = Generators.shape(spec("""
                {"type": "record", "name": "U", "fields": [
                  {"name": "s", "type": ["string", "null"], "arg.properties": {"null": 0.5, "options": ["a", "b"]}},
                  {"name": "n", "type": ["null", "long"], "arg.properties": {"null": 0.5, "range": {"min": 5, "max": 6}}}]}"""), null);
        int nulls = 0;
        for (GenericRecord r : decoded(shape, 2_000)) {
            Object s = r.get("s");
            assertTrue(s == null || Set.of("a", "b").contains(s.toString()), r.toString());
            assertTrue(r.get("n") == null || (Long) r.get("n") == 5L, r.toString());
            nulls += (s == null ? 1 : 0) + (r.get("n") == null ? 1 : 0);
        }
        assertEquals(0.5, nulls / 4_000.0, 0.05);
    }

    @Test
    void deviceIdOnNumberFieldsIsTheDevicesNumber() throws Exception {
        RecordShape shape = Generators.shape(spec("""
                {"type": "record", "name": "D", "fields": [
                  {"name": "l", "type": "long", "arg.properties": {"device-id": true}},
                  {"name": "i", "type": "int", "arg.properties": {"device-id": true}}]}"""), null);
        List<GenericRecord> records = decoded(shape, 50);
        for (int seq = 0; seq < 50; seq++) {
            assertEquals(device(seq), records.get(seq).get("l"));
            assertEquals((int) device(seq), records.get(seq).get("i"));
        }
    }
}

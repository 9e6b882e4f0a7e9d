package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.device;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The avro-schema generator on a schema with every nested shape, rule and logical type: records in
 * records, arrays and maps by each length rule, unions of three and four branches, dates, times,
 * timestamps, decimals (bytes and fixed), uuids, bytes and fixed. Records are checked as Avro's own
 * GenericDatumReader decodes them, and their JSON against the mapping docs/generators.md documents.
 */
class NestedAvroSchemaGeneratorTest {
    private static final int RECORDS = 5_000;
    private static final long DAY_MILLIS = 86_400_000L;
    /**
     * Tolerance of a share with expectation 0.25 (or 0.3) over 5,000 draws: its standard deviation is
     * sqrt(0.25 * 0.75 / 5000) = 0.0061 (0.0065 at 0.3), so 0.03 is over 4.5 of them: a fair
     * generator fails it with odds below 1e-5.
     */
    private static final double SHARE_TOLERANCE = 0.03;

    static final String SCHEMA = """
            {"type": "record", "name": "All", "namespace": "t", "fields": [
              {"name": "outer", "type": {"type": "record", "name": "Outer", "fields": [
                {"name": "id", "type": "string", "arg.properties": {"device-id": true}},
                {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
                  {"name": "n", "type": "int", "arg.properties": {"range": {"min": 10, "max": 20}}},
                  {"name": "seq", "type": "long", "arg.properties": {"iteration": {"start": 5, "step": 2}}}]}}]}},
              {"name": "fixed_items", "type": {"type": "array", "arg.properties": {"length": 3},
                "items": {"type": "string", "arg.properties": {"regex": "[a-c]{2}"}}}},
              {"name": "ranged_items", "type": {"type": "array", "items": "Inner",
                "arg.properties": {"length": {"min": 1, "max": 4}}}},
              {"name": "default_items", "type": {"type": "array", "items": "double"}},
              {"name": "nullable_items", "type": {"type": "array", "arg.properties": {"length": 5},
                "items": ["null", {"type": "int", "arg.properties": {"null": 0.3, "options": [7]}}]}},
              {"name": "map_options", "type": {"type": "map",
                "values": {"type": "long", "arg.properties": {"range": {"min": 0, "max": 3}}},
                "arg.properties": {"length": {"min": 0, "max": 2}, "keys": {"options": ["x", "y", "z"]}}}},
              {"name": "map_default", "type": {"type": "map", "values": "boolean"}},
              {"name": "map_regex", "type": {"type": "map", "values": "string",
                "arg.properties": {"length": 2, "keys": {"regex": "k[0-9]{6}"}}}},
              {"name": "three", "type": ["null", "int", "string",
                {"type": "record", "name": "P", "fields": [
                  {"name": "x", "type": "float", "arg.properties": {"range": {"min": 1, "max": 2}}}]}],
               "arg.properties": {"null": 0.25}},
              {"name": "four", "type": ["int", "string", "boolean", "double"]},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "day_ranged", "type": {"type": "int", "logicalType": "date"},
               "arg.properties": {"range": {"min": 19000, "max": 19010}}},
              {"name": "slot", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "slot_micros", "type": {"type": "long", "logicalType": "time-micros"}},
              {"name": "at_micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "at_nanos", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
              {"name": "local_at", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2},
               "arg.properties": {"range": {"min": -999.99, "max": 1000}}},
              {"name": "big", "type": {"type": "bytes", "logicalType": "decimal", "precision": 30, "scale": 4}},
              {"name": "fee", "type": {"type": "fixed", "name": "Fee", "size": 4, "logicalType": "decimal",
                "precision": 9, "scale": 3}},
              {"name": "fee_options", "type": {"type": "fixed", "name": "Fee2", "size": 3, "logicalType": "decimal",
                "precision": 6, "scale": 2}, "arg.properties": {"options": [-9999.99, 0, 1.5]}},
              {"name": "uuid", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "uuid_fixed", "type": {"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}},
              {"name": "blob", "type": "bytes", "arg.properties": {"length": {"min": 2, "max": 5}}},
              {"name": "blob_default", "type": "bytes"},
              {"name": "raw", "type": {"type": "fixed", "name": "Raw", "size": 5}},
              {"name": "ratio", "type": "float"},
              {"name": "nothing", "type": "null"}]}""";

    private static RecordShape shape;
    private static List<GenericRecord> records;

    @BeforeAll
    static void generate() throws Exception {
        shape = Generators.shape(AvroSchemaGeneratorTest.spec(SCHEMA), null);
        records = AvroSchemaGeneratorTest.decoded(shape, RECORDS);
    }

    private static List<Object> field(String name) {
        return records.stream().map(r -> r.get(name)).toList();
    }

    private static BigDecimal decimal(GenericRecord r, String name) {
        Schema type = r.getSchema().getField(name).schema();
        LogicalType logical = type.getLogicalType();
        Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
        Object v = r.get(name);
        return v instanceof GenericFixed fixed
                ? decimals.fromFixed(fixed, type, logical)
                : decimals.fromBytes((ByteBuffer) v, type, logical);
    }

    @Test
    void recordsInRecordsFollowTheirFieldsRules() {
        for (int seq = 0; seq < RECORDS; seq++) {
            GenericRecord outer = (GenericRecord) records.get(seq).get("outer");
            assertEquals(String.format("dev-%07d", device(seq)), outer.get("id").toString());
            GenericRecord inner = (GenericRecord) outer.get("inner");
            int n = (Integer) inner.get("n");
            assertTrue(n >= 10 && n < 20, inner.toString());
            assertEquals(5L + 2L * seq, inner.get("seq"), "iteration counts records, not occurrences");
        }
    }

    @Test
    void arraysHoldTheirLengthRulesItemsEachByTheItemsRules() {
        Set<Integer> ranged = new HashSet<>();
        Set<Integer> defaulted = new HashSet<>();
        int items = 0;
        int nulls = 0;
        for (GenericRecord r : records) {
            List<?> fixed = (List<?>) r.get("fixed_items");
            assertEquals(3, fixed.size(), "length: 3");
            fixed.forEach(s -> assertTrue(s.toString().matches("[a-c]{2}"), s.toString()));
            for (Object inner : (List<?>) r.get("ranged_items")) {
                int n = (Integer) ((GenericRecord) inner).get("n");
                assertTrue(n >= 10 && n < 20, "a named type's rules hold where it is used again");
            }
            ranged.add(((List<?>) r.get("ranged_items")).size());
            List<?> doubles = (List<?>) r.get("default_items");
            defaulted.add(doubles.size());
            doubles.forEach(d -> assertTrue((Double) d >= 0 && (Double) d < 1, d.toString()));
            List<?> nullable = (List<?>) r.get("nullable_items");
            assertEquals(5, nullable.size());
            for (Object v : nullable) {
                items++;
                if (v == null) {
                    nulls++;
                } else {
                    assertEquals(7, v);
                }
            }
        }
        assertEquals(Set.of(1, 2, 3, 4), ranged, "length {min 1, max 4}: both ends included");
        assertEquals(Set.of(0, 1, 2, 3, 4), defaulted, "no length rule: 0 to 4 items");
        // 25,000 items at odds 0.3: standard deviation 0.0029, so 0.015 is over 5 of them
        assertEquals(0.3, nulls / (double) items, 0.015, "null odds on the items' type");
    }

    @Test
    void mapsHoldTheirLengthRulesEntriesKeyedByTheKeysRule() {
        Set<Integer> defaultSizes = new HashSet<>();
        for (GenericRecord r : records) {
            Map<?, ?> options = (Map<?, ?>) r.get("map_options");
            assertTrue(options.size() <= 2, options.toString());
            options.forEach((k, v) -> {
                assertTrue(Set.of("x", "y", "z").contains(k.toString()), options.toString());
                assertTrue((Long) v >= 0 && (Long) v < 3, options.toString());
            });
            Map<?, ?> defaults = (Map<?, ?>) r.get("map_default");
            defaultSizes.add(defaults.size());
            defaults.keySet().forEach(k -> assertTrue(k.toString().matches("[A-Za-z0-9]{8}"), k.toString()));
            Map<?, ?> regex = (Map<?, ?>) r.get("map_regex");
            assertTrue(regex.size() >= 1 && regex.size() <= 2, "two entries, unless their keys repeat");
            regex.keySet().forEach(k -> assertTrue(k.toString().matches("k[0-9]{6}"), k.toString()));
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), defaultSizes, "no length rule: 0 to 4 entries");
    }

    @Test
    void unionsPickANonNullBranchUniformlyAndNullByItsOdds() {
        Map<String, Integer> three = new HashMap<>();
        for (Object v : field("three")) {
            String branch = v == null
                    ? "null"
                    : v instanceof GenericRecord p ? "P" : v.getClass().getSimpleName();
            three.merge(branch, 1, Integer::sum);
            if (v instanceof GenericRecord p) {
                float x = (Float) p.get("x");
                assertTrue(x >= 1 && x < 2, p.toString());
            }
        }
        assertEquals(Set.of("null", "Integer", "Utf8", "P"), three.keySet());
        three.values().forEach(n -> assertEquals(0.25, n / (double) RECORDS, SHARE_TOLERANCE, three.toString()));

        Map<Class<?>, Integer> four = new HashMap<>();
        field("four").forEach(v -> four.merge(v.getClass(), 1, Integer::sum));
        assertEquals(4, four.size(), four.toString());
        four.values().forEach(n -> assertEquals(0.25, n / (double) RECORDS, SHARE_TOLERANCE, four.toString()));
    }

    @Test
    void datesTimesAndTimestampsWithoutARuleAreTheEventTime() {
        for (int seq = 0; seq < RECORDS; seq++) {
            GenericRecord r = records.get(seq);
            long at = eventTime(seq);
            assertEquals((int) Math.floorDiv(at, DAY_MILLIS), r.get("day"));
            assertEquals((int) Math.floorMod(at, DAY_MILLIS), r.get("slot"));
            assertEquals(Math.floorMod(at, DAY_MILLIS) * 1_000, r.get("slot_micros"));
            assertEquals(at * 1_000, r.get("at_micros"));
            assertEquals(at * 1_000_000, r.get("at_nanos"));
            assertEquals(at * 1_000, r.get("local_at"));
            int day = (Integer) r.get("day_ranged");
            assertTrue(day >= 19_000 && day < 19_010, "a date's range counts days");
        }
    }

    @Test
    void decimalsHonourTheirPrecisionAndScale() {
        BigDecimal lowest = BigDecimal.ZERO;
        BigDecimal highest = BigDecimal.ZERO;
        BigInteger bigMax = BigInteger.ZERO;
        Set<BigDecimal> feeOptions = new HashSet<>();
        for (GenericRecord r : records) {
            BigDecimal price = decimal(r, "price");
            assertEquals(2, price.scale());
            assertTrue(price.compareTo(new BigDecimal("-999.99")) >= 0 && price.compareTo(new BigDecimal("1000")) < 0);
            lowest = lowest.min(price);
            highest = highest.max(price);
            BigDecimal big = decimal(r, "big");
            assertEquals(4, big.scale());
            assertTrue(big.signum() >= 0 && big.unscaledValue().compareTo(BigInteger.TEN.pow(30)) < 0, big.toString());
            bigMax = bigMax.max(big.unscaledValue());
            BigDecimal fee = decimal(r, "fee");
            assertEquals(3, fee.scale());
            assertTrue(fee.signum() >= 0 && fee.unscaledValue().compareTo(BigInteger.TEN.pow(9)) < 0, fee.toString());
            feeOptions.add(decimal(r, "fee_options"));
        }
        assertTrue(lowest.compareTo(new BigDecimal("-900")) < 0 && highest.compareTo(new BigDecimal("900")) > 0);
        // 5,000 uniform draws of 30 digits all below 10^29 has odds 10^-5000: the whole precision is used
        assertTrue(bigMax.compareTo(BigInteger.TEN.pow(29)) >= 0, "30 digits, beyond a long's 19");
        assertEquals(
                Set.of(new BigDecimal("-9999.99"), new BigDecimal("0.00"), new BigDecimal("1.50")),
                feeOptions,
                "a negative value sign-extends to the fixed's size");
    }

    @Test
    void uuidsBytesFixedFloatsAndNulls() {
        Set<String> uuids = new HashSet<>();
        for (GenericRecord r : records) {
            UUID uuid = UUID.fromString(r.get("uuid").toString());
            assertEquals(4, uuid.version());
            assertEquals(uuid.toString(), r.get("uuid").toString());
            uuids.add(uuid.toString());
            ByteBuffer fixed = ByteBuffer.wrap(((GenericFixed) r.get("uuid_fixed")).bytes());
            assertEquals(4, new UUID(fixed.getLong(), fixed.getLong()).version());
            int blob = ((ByteBuffer) r.get("blob")).remaining();
            assertTrue(blob >= 2 && blob <= 5, "length {min 2, max 5} bytes");
            assertEquals(8, ((ByteBuffer) r.get("blob_default")).remaining());
            assertEquals(5, ((GenericFixed) r.get("raw")).bytes().length);
            float ratio = (Float) r.get("ratio");
            assertTrue(ratio >= 0 && ratio < 1);
            assertNull(r.get("nothing"));
        }
        assertEquals(RECORDS, uuids.size(), "uuids do not repeat");
    }

    @Test
    void recordsArePureFunctionsOfSeedShardAndSequence() throws Exception {
        RecordEncoder avro = Encoders.create(Format.AVRO, shape.schema());
        byte[] first = encode(shape.create(GeneratorFixtures.settings()), avro, 0, 300);
        assertArrayEquals(first, encode(shape.create(GeneratorFixtures.settings()), avro, 0, 300));
        // record 299 alone, from a fresh generator, is the 300th record of the run
        byte[] alone = encode(shape.create(GeneratorFixtures.settings()), avro, 299, 300);
        byte[] last = encode(shape.create(GeneratorFixtures.settings()), avro, 0, 300);
        assertArrayEquals(alone, java.util.Arrays.copyOfRange(last, last.length - alone.length, last.length));
        GeneratorSettings otherSeed = new GeneratorSettings(
                GeneratorFixtures.SEED + 1, 0, GeneratorFixtures.DEVICE_START, GeneratorFixtures.DEVICE_END);
        GeneratorSettings otherShard = new GeneratorSettings(
                GeneratorFixtures.SEED, 1, GeneratorFixtures.DEVICE_START, GeneratorFixtures.DEVICE_END);
        assertFalse(java.util.Arrays.equals(first, encode(shape.create(otherSeed), avro, 0, 300)));
        assertFalse(java.util.Arrays.equals(first, encode(shape.create(otherShard), avro, 0, 300)));
    }

    private static byte[] encode(RecordGenerator generator, RecordEncoder encoder, long from, long to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        for (long seq = from; seq < to; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            out.writeBytes(encoder.encode(record));
        }
        return out.toByteArray();
    }

    /** The JSON encoder writes what Avro decodes, as docs/generators.md maps each type (built here independently). */
    @Test
    void jsonIsTheDocumentedMappingOfWhatAvroDecodes() throws Exception {
        ObjectMapper json = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        RecordGenerator generator = shape.create(GeneratorFixtures.settings());
        RecordEncoder encoder = Encoders.create(Format.JSON, shape.schema());
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        for (int seq = 0; seq < 1_000; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            JsonNode actual = json.readTree(encoder.encode(record));
            assertSameJson(documented(shape.schema(), records.get(seq)), actual, "$");
        }
    }

    /** The documented JSON of an Avro generic value. */
    private static JsonNode documented(Schema type, Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
        if (value == null) {
            return nodes.nullNode();
        }
        LogicalType logical = type.getLogicalType();
        switch (type.getType()) {
            case RECORD:
                ObjectNode object = nodes.objectNode();
                for (Schema.Field f : type.getFields()) {
                    object.set(f.name(), documented(f.schema(), ((GenericRecord) value).get(f.pos())));
                }
                return object;
            case ARRAY:
                return nodes.arrayNode()
                        .addAll(((List<?>) value)
                                .stream()
                                        .map(item -> documented(type.getElementType(), item))
                                        .toList());
            case MAP:
                ObjectNode map = nodes.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), documented(type.getValueType(), v)));
                return map;
            case UNION:
                return documented(type.getTypes().get(GenericData.get().resolveUnion(type, value)), value);
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return nodes.textNode(LocalDate.ofEpochDay((Integer) value).toString());
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    return nodes.textNode(DateTimeFormatter.ISO_LOCAL_TIME.format(
                            LocalTime.ofNanoOfDay((Integer) value * 1_000_000L)));
                }
                return nodes.numberNode((Integer) value);
            case LONG:
                long v = (Long) value;
                if (logical instanceof LogicalTypes.TimeMicros) {
                    return nodes.textNode(DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay(v * 1_000)));
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return nodes.textNode(Instant.EPOCH.plusNanos(v * 1_000).toString());
                }
                if (logical instanceof LogicalTypes.TimestampNanos) {
                    return nodes.textNode(Instant.EPOCH.plusNanos(v).toString());
                }
                if (logical instanceof LogicalTypes.LocalTimestampMicros) {
                    return nodes.textNode(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                            LocalDateTime.ofInstant(Instant.EPOCH.plusNanos(v * 1_000), ZoneOffset.UTC)));
                }
                return nodes.numberNode(v);
            case BYTES:
            case FIXED:
                byte[] bytes = value instanceof GenericFixed f ? f.bytes() : bytes((ByteBuffer) value);
                if (logical instanceof LogicalTypes.Decimal d) {
                    return nodes.numberNode(new BigDecimal(new BigInteger(bytes), d.getScale()));
                }
                if (logical instanceof LogicalTypes.Uuid) {
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return nodes.textNode(new UUID(b.getLong(), b.getLong()).toString());
                }
                return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
            case FLOAT:
                return nodes.numberNode((Float) value);
            case DOUBLE:
                return nodes.numberNode((Double) value);
            case BOOLEAN:
                return nodes.booleanNode((Boolean) value);
            default: // string, enum
                return nodes.textNode(value.toString());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Equal trees; a float or double equal in value (JSON text does not say which), a decimal equal with its scale. */
    private static void assertSameJson(JsonNode expected, JsonNode actual, String path) {
        if (expected.isFloat()) {
            assertTrue(actual.isNumber(), path + ": " + actual);
            assertEquals(expected.floatValue(), actual.floatValue(), path);
        } else if (expected.isDouble()) {
            assertTrue(actual.isNumber(), path + ": " + actual);
            assertEquals(expected.doubleValue(), actual.doubleValue(), path);
        } else if (expected.isIntegralNumber()) {
            assertTrue(actual.isIntegralNumber(), path + ": " + actual);
            assertEquals(expected.bigIntegerValue(), actual.bigIntegerValue(), path);
        } else if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), path + ": " + actual);
            Iterator<String> names = expected.fieldNames();
            if (expected.isObject()) {
                names.forEachRemaining(n -> assertSameJson(expected.get(n), actual.get(n), path + "." + n));
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameJson(expected.get(i), actual.get(i), path + "[" + i + "]");
                }
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }
}

package io.loadfleet.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.problem.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of records, arrays, maps, unions and logical types nested in a user's schema, and their mistakes by path. */
class NestedRulesTest {
    private static final String AT = "spec.generator.avroSchema.schema";

    private static RuledSchema parse(String fields) {
        List<Problem> problems = new ArrayList<>();
        RuledSchema ruled = RuledSchema.parse(
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fields + "]}", AT, problems);
        assertNotNull(ruled, problems.toString());
        return ruled;
    }

    private static String problem(String fields) {
        List<Problem> problems = new ArrayList<>();
        assertNull(RuledSchema.parse(
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fields + "]}", AT, problems));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(AT, problems.get(0).path());
        return problems.get(0).message();
    }

    @Test
    void aRecordInARecordHoldsItsFieldsRules() {
        RuledSchema ruled = parse("""
                {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                  {"name": "id", "type": "string", "arg.properties": {"device-id": true}},
                  {"name": "address", "type": ["null", {"type": "record", "name": "Address", "fields": [
                    {"name": "zip", "type": {"type": "int", "arg.properties": {"range": {"min": 1000, "max": 9999}}}}]}],
                   "arg.properties": {"null": 0.25}}]}}""");
        FieldRule.Fields customer =
                assertInstanceOf(FieldRule.Fields.class, ruled.fields().get(0).rule());
        assertEquals(new FieldRule.DeviceId(), customer.fields().get(0).rule());
        FieldRules address = customer.fields().get(1);
        assertEquals(0.25, address.nullOdds());
        assertEquals("Address", address.valueType().getName());
        FieldRule.Fields zip = assertInstanceOf(FieldRule.Fields.class, address.rule());
        assertEquals(new FieldRule.Range(1000L, 9999L), zip.fields().get(0).rule());
    }

    @Test
    void arraysAndMapsTakeTheirLengthAndTheirPartsRulesFromTheirTypes() {
        RuledSchema ruled = parse("""
                {"name": "tags", "type": {"type": "array", "arg.properties": {"length": {"min": 1, "max": 3}},
                  "items": {"type": "string", "arg.properties": {"options": ["a", "b"]}}}},
                {"name": "counts", "type": {"type": "map", "values": ["null", {"type": "long", "arg.properties": {"null": 0.5}}]},
                 "arg.properties": {"length": 2, "keys": {"regex": "k[0-9]"}}},
                {"name": "plain", "type": {"type": "array", "items": "int"}}""");
        FieldRule.Items tags =
                assertInstanceOf(FieldRule.Items.class, ruled.fields().get(0).rule());
        assertEquals(1, tags.min());
        assertEquals(3, tags.max());
        assertEquals(
                new FieldRule.Options(List.of("a", "b"), List.of(1.0, 1.0)),
                tags.items().rule());
        FieldRule.Entries counts =
                assertInstanceOf(FieldRule.Entries.class, ruled.fields().get(1).rule());
        assertEquals(2, counts.min());
        assertEquals(2, counts.max());
        assertInstanceOf(FieldRule.Regex.class, counts.keys());
        assertEquals(0.5, counts.values().nullOdds(), "a nullable value takes null odds on its type");
        FieldRule.Items plain =
                assertInstanceOf(FieldRule.Items.class, ruled.fields().get(2).rule());
        assertEquals(FieldRule.Items.DEFAULT_MIN, plain.min());
        assertEquals(FieldRule.Items.DEFAULT_MAX, plain.max());
        assertEquals(new FieldRule.Default(), plain.items().rule());
    }

    @Test
    void aUnionOfSeveralTypesTakesNullOddsOnItsFieldAndEachBranchsRulesOnItsType() {
        RuledSchema ruled = parse("""
                {"name": "v", "type": ["null", {"type": "int", "arg.properties": {"range": {"min": 0, "max": 5}}},
                  "string", {"type": "record", "name": "P", "fields": [{"name": "x", "type": "double"}]}],
                 "arg.properties": {"null": 0.1}}""");
        FieldRules v = ruled.fields().get(0);
        assertEquals(0.1, v.nullOdds());
        FieldRule.OneOf union = assertInstanceOf(FieldRule.OneOf.class, v.rule());
        assertEquals(3, union.branches().size(), "the non-null branches");
        assertEquals(new FieldRule.Range(0L, 5L), union.branches().get(0).rule());
        assertEquals(new FieldRule.Default(), union.branches().get(1).rule());
        assertInstanceOf(FieldRule.Fields.class, union.branches().get(2).rule());
    }

    @Test
    void logicalTypesTakeRulesOnTheirValues() {
        RuledSchema ruled = parse("""
                {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2},
                 "arg.properties": {"range": {"min": -999.99, "max": 1000}}},
                {"name": "fee", "type": {"type": "fixed", "name": "F", "size": 4, "logicalType": "decimal", "precision": 6, "scale": 2},
                 "arg.properties": {"options": [0, 4.5, "9999.99"]}},
                {"name": "day", "type": {"type": "int", "logicalType": "date"}, "arg.properties": {"range": {"min": 20000, "max": 20100}}},
                {"name": "slot", "type": {"type": "int", "logicalType": "time-millis"}, "arg.properties": {"options": [0, 86399999]}},
                {"name": "id", "type": {"type": "string", "logicalType": "uuid"},
                 "arg.properties": {"options": ["123e4567-e89b-42d3-a456-426614174000"]}},
                {"name": "ratio", "type": "float", "arg.properties": {"range": {"min": 0.5, "max": 2}}}""");
        assertEquals(
                new FieldRule.Range(new BigDecimal("-999.99"), new BigDecimal("1000.00")),
                ruled.fields().get(0).rule(),
                "max may be 10^(precision - scale) itself: it is excluded");
        assertEquals(
                List.of(new BigDecimal("0.00"), new BigDecimal("4.50"), new BigDecimal("9999.99")),
                ((FieldRule.Options) ruled.fields().get(1).rule()).values(),
                "options at the decimal's scale, as numbers or text");
        assertEquals(new FieldRule.Range(20000L, 20100L), ruled.fields().get(2).rule());
        assertEquals(
                List.of(0L, 86_399_999L),
                ((FieldRule.Options) ruled.fields().get(3).rule()).values());
        assertInstanceOf(FieldRule.Options.class, ruled.fields().get(4).rule());
        assertEquals(new FieldRule.Range(0.5, 2.0), ruled.fields().get(5).rule());
    }

    /** Each mistake names the path to its field: {@code a.b} into records, {@code []} items, {@code {}} values, {@code (T)} branches. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a rule deep in records
                "{\"name\": \"c\", \"type\": {\"type\": \"record\", \"name\": \"C\", \"fields\": [{\"name\": \"a\", \"type\": {\"type\": \"record\", \"name\": \"A\", \"fields\": [{\"name\": \"zip\", \"type\": \"string\", \"arg.properties\": {\"regex\": \"[^0]\"}}]}}]}}"
                        + "|field c.a.zip: arg.properties.regex: ",
                // array items, map values and keys
                "{\"name\": \"lines\", \"type\": {\"type\": \"array\", \"items\": {\"type\": \"record\", \"name\": \"L\", \"fields\": [{\"name\": \"qty\", \"type\": \"int\", \"arg.properties\": {\"range\": {\"min\": 5, \"max\": 1}}}]}}}"
                        + "|field lines[].qty: arg.properties.range: min 5 must be below max 1",
                "{\"name\": \"m\", \"type\": {\"type\": \"map\", \"values\": {\"type\": \"int\", \"arg.properties\": {\"length\": 2}}}}"
                        + "|field m{}: arg.properties.length: applies to string, bytes, array and map fields",
                "{\"name\": \"m\", \"type\": {\"type\": \"map\", \"values\": \"int\", \"arg.properties\": {\"keys\": {\"range\": {\"min\": 1, \"max\": 2}}}}}"
                        + "|field m: arg.properties.keys: must be one string rule",
                "{\"name\": \"m\", \"type\": {\"type\": \"map\", \"values\": \"int\", \"arg.properties\": {\"keys\": {\"length\": -1}}}}"
                        + "|field m: arg.properties.keys.length: -1 is not a length",
                "{\"name\": \"xs\", \"type\": {\"type\": \"array\", \"items\": \"int\", \"arg.properties\": {\"length\": 10001}}}"
                        + "|field xs: arg.properties.length: 10001 is not a length",
                "{\"name\": \"xs\", \"type\": {\"type\": \"array\", \"items\": \"int\", \"arg.properties\": {\"range\": {\"min\": 1, \"max\": 2}}}}"
                        + "|field xs: arg.properties: [range] do not apply: an array takes length",
                // unions of several types
                "{\"name\": \"u\", \"type\": [\"int\", \"string\", {\"type\": \"record\", \"name\": \"P\", \"fields\": [{\"name\": \"x\", \"type\": \"int\", \"arg.properties\": {\"regex\": \"a\"}}]}]}"
                        + "|field u(P).x: arg.properties.regex: applies to string fields",
                "{\"name\": \"u\", \"type\": [\"int\", {\"type\": \"string\", \"arg.properties\": {\"null\": 0.5}}]}"
                        + "|field u(string): arg.properties.null: the field is not nullable",
                "{\"name\": \"u\", \"type\": [\"int\", \"string\"], \"arg.properties\": {\"null\": 0.5}}"
                        + "|field u: arg.properties.null: the field is not nullable",
                // records
                "{\"name\": \"r\", \"type\": {\"type\": \"record\", \"name\": \"Q\", \"fields\": [{\"name\": \"x\", \"type\": \"int\"}]}, \"arg.properties\": {\"options\": [1]}}"
                        + "|field r: arg.properties: [options] do not apply: a record takes its rules on its fields",
                "{\"name\": \"n\", \"type\": {\"type\": \"record\", \"name\": \"N\", \"fields\": [{\"name\": \"kids\", \"type\": {\"type\": \"array\", \"items\": \"N\"}}]}}"
                        + "|field n.kids[]: record N contains itself",
                // logical types
                "{\"name\": \"d\", \"type\": {\"type\": \"fixed\", \"name\": \"D\", \"size\": 4, \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 2}}"
                        + "|field d: logicalType decimal is invalid: fixed(4) cannot store 12 digits (max 9)",
                "{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 4, \"scale\": 6}}"
                        + "|field d: logicalType decimal is invalid: Invalid decimal scale: 6 (greater than precision: 4)",
                "{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 5, \"scale\": 2}, \"arg.properties\": {\"options\": [1.005]}}"
                        + "|field d: arg.properties.options: option 1.005 has more than 2 decimals (decimal of precision 5 and scale 2)",
                "{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 5, \"scale\": 2}, \"arg.properties\": {\"options\": [1000]}}"
                        + "|field d: arg.properties.options: option 1000 has more than 3 digits before the point",
                "{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 5, \"scale\": 2}, \"arg.properties\": {\"range\": {\"min\": -1000, \"max\": 1}}}"
                        + "|field d: arg.properties.range: min -1000 has more than 3 digits before the point",
                "{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 30, \"scale\": 0}, \"arg.properties\": {\"range\": {\"min\": 0, \"max\": 1e20}}}"
                        + "|field d: arg.properties.range: max - min holds more than 2^63 values of scale 0",
                "{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 5, \"scale\": 2}, \"arg.properties\": {\"length\": 3}}"
                        + "|field d: arg.properties.length: a decimal takes range or options",
                "{\"name\": \"t\", \"type\": {\"type\": \"int\", \"logicalType\": \"time-millis\"}, \"arg.properties\": {\"range\": {\"min\": 0, \"max\": 90000000}}}"
                        + "|field t: arg.properties.range: a time of day is in [0, 86400000)",
                "{\"name\": \"t\", \"type\": {\"type\": \"long\", \"logicalType\": \"time-micros\"}, \"arg.properties\": {\"options\": [86400000000]}}"
                        + "|field t: arg.properties.options: 86400000000 is not a time of day: give 0 to 86399999999",
                "{\"name\": \"t\", \"type\": {\"type\": \"int\", \"logicalType\": \"time-millis\"}, \"arg.properties\": {\"iteration\": {}}}"
                        + "|field t: arg.properties.iteration: applies to int, long, float and double fields (not times of day)",
                "{\"name\": \"id\", \"type\": {\"type\": \"string\", \"logicalType\": \"uuid\"}, \"arg.properties\": {\"options\": [\"not-a-uuid\"]}}"
                        + "|field id: arg.properties.options: not-a-uuid is not a UUID",
                "{\"name\": \"id\", \"type\": {\"type\": \"string\", \"logicalType\": \"uuid\"}, \"arg.properties\": {\"regex\": \"[a-f]{8}\"}}"
                        + "|field id: arg.properties.regex: a uuid takes only options (each a UUID)",
                "{\"name\": \"b\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"big-decimal\"}}"
                        + "|field b: logical type big-decimal is not generated",
                "{\"name\": \"f\", \"type\": \"float\", \"arg.properties\": {\"range\": {\"min\": 0, \"max\": 1e39}}}"
                        + "|field f: arg.properties.range: max 1.0E39 is not a float"
            })
    void refusesEachMistakeNamingThePathToItsField(String fields, String message) {
        String text = problem(fields);
        assertTrue(text.startsWith(message), text);
    }
}

package io.loadfleet.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuledSchemaTest {
    private static final String AT = "spec.generator.avroSchema.schema";

    private static String schema(String type, String props) {
        return "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"f\", \"type\": " + type
                + (props == null ? "" : ", \"arg.properties\": " + props) + "}]}";
    }

    private static FieldRule rule(String type, String props) {
        List<Problem> problems = new ArrayList<>();
        RuledSchema ruled = RuledSchema.parse(schema(type, props), AT, problems);
        assertTrue(problems.isEmpty(), problems.toString());
        return ruled.fields().get(0).rule();
    }

    private static String problem(String type, String props) {
        List<Problem> problems = new ArrayList<>();
        assertNull(RuledSchema.parse(schema(type, props), AT, problems));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(AT, problems.get(0).path());
        return problems.get(0).message();
    }

    @Test
    void readsEveryRuleTypedAsItsField() {
        assertEquals(new FieldRule.Range(1L, 10L), rule("\"int\"", "{\"range\": {\"min\": 1, \"max\": 10}}"));
        assertEquals(new FieldRule.Range(0.5, 2.0), rule("\"double\"", "{\"range\": {\"min\": 0.5, \"max\": 2}}"));
        assertEquals(
                new FieldRule.Options(List.of("a", "b"), List.of(1.0, 1.0)),
                rule("\"string\"", "{\"options\": [\"a\", \"b\"]}"));
        assertEquals(
                new FieldRule.Options(List.of(5L, 7L), List.of(3.0, 1.0)),
                rule("\"long\"", "{\"options\": [{\"value\": 5, \"weight\": 3}, {\"value\": 7, \"weight\": 1}]}"));
        assertEquals(
                new FieldRule.Iteration(100L, 5L), rule("\"long\"", "{\"iteration\": {\"start\": 100, \"step\": 5}}"));
        assertEquals(new FieldRule.Iteration(0L, 1L), rule("\"int\"", "{\"iteration\": {}}"));
        assertEquals(new FieldRule.Length(4, 4), rule("\"string\"", "{\"length\": 4}"));
        assertEquals(new FieldRule.Length(2, 6), rule("\"string\"", "{\"length\": {\"min\": 2, \"max\": 6}}"));
        assertInstanceOf(FieldRule.Regex.class, rule("\"string\"", "{\"regex\": \"[A-Z]{3}\"}"));
        assertEquals(new FieldRule.DeviceId(), rule("\"string\"", "{\"device-id\": true}"));
        assertEquals(new FieldRule.DeviceId(), rule("\"long\"", "{\"device-id\": true}"));
        assertEquals(new FieldRule.Default(), rule("\"boolean\"", null));
    }

    @Test
    void rulesOnTheTypeAsConfluentsToolsPutThemAreReadToo() {
        List<Problem> problems = new ArrayList<>();
        RuledSchema ruled = RuledSchema.parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "userid", "type": {"type": "string", "arg.properties": {"regex": "User_[1-9]"}}},
                  {"name": "n", "type": ["null", {"type": "int", "arg.properties": {"range": {"min": 1, "max": 3}}}]}]}""", AT, problems);
        assertNotNull(ruled, problems.toString());
        assertInstanceOf(FieldRule.Regex.class, ruled.fields().get(0).rule());
        assertEquals(new FieldRule.Range(1L, 3L), ruled.fields().get(1).rule());
        assertTrue(problem(
                        "{\"type\": \"int\", \"arg.properties\": {\"range\": {\"min\": 1, \"max\": 3}}}",
                        "{\"iteration\": {}}")
                .contains("is on both the field and its type: keep one"));
    }

    @Test
    void nullOddsNeedANullableField() {
        List<Problem> problems = new ArrayList<>();
        RuledSchema ruled =
                RuledSchema.parse(schema("[\"null\", \"string\"]", "{\"null\": 0.25, \"length\": 3}"), AT, problems);
        assertNotNull(ruled, problems.toString());
        assertEquals(0.25, ruled.fields().get(0).nullOdds());
        assertEquals("string", ruled.fields().get(0).valueType().getName());
        assertTrue(problem("\"string\"", "{\"null\": 0.25}").contains("not nullable"));
        assertTrue(problem("[\"null\", \"string\"]", "{\"null\": 2}").contains("is not odds between 0 and 1"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"string\"|{\"range\": {\"min\": 1, \"max\": 2}}|arg.properties.range: applies to int, long, float, double and decimal fields",
                "\"int\"|{\"range\": {\"min\": 1}}|arg.properties.range: max is missing",
                "\"int\"|{\"range\": {\"min\": 1, \"max\": 3000000000}}|max 3000000000 is not an int",
                "\"long\"|{\"range\": {\"min\": 1.5, \"max\": 3}}|min 1.5 is not a long",
                "\"int\"|{\"options\": []}|must be a non-empty list",
                "\"boolean\"|{\"options\": [true, \"no\"]}|no is not a boolean",
                "\"string\"|{\"options\": [{\"value\": \"a\", \"weight\": 0}]}|weight must be a number above 0",
                "\"int\"|{\"iteration\": {\"step\": 0}}|step must not be 0",
                "\"int\"|{\"length\": 3}|arg.properties.length: applies to string, bytes, array and map fields",
                "\"string\"|{\"length\": {\"min\": 5, \"max\": 2}}|is not a length",
                "\"long\"|{\"regex\": \"a\"}|arg.properties.regex: applies to string fields",
                "\"string\"|{\"regex\": \"(.{1000}){1000}\"}|can make strings of 1000000 characters: at most 10000",
                "\"double\"|{\"range\": {\"min\": -1.7e308, \"max\": 1.7e308}}|max - min overflows a double",
                "\"double\"|{\"device-id\": true}|on a string field (the device's id) or an int or long field",
                "\"string\"|{\"range\": {\"min\": 1, \"max\": 2}, \"length\": 3}|are exclusive: give one of them",
                "\"string\"|[1]|must be an object",
                "[\"int\", \"string\"]|{\"length\": 3}|[length] do not apply to a union of several types: put each branch's rules on its type",
                "{\"type\": \"map\", \"values\": \"int\"}|{\"regex\": \"a\"}|[regex] do not apply: a map takes length (its number of entries) and keys"
            })
    void refusesEachBadRuleNamingFieldAndFix(String type, String props, String message) {
        String text = problem(type, props == null || props.isEmpty() ? null : props);
        assertTrue(text.startsWith("field f"), text);
        assertTrue(text.contains(message), text);
    }

    @Test
    void theSchemaMustBeARecordOfFields() {
        List<Problem> problems = new ArrayList<>();
        assertNull(RuledSchema.parse("\"string\"", AT, problems));
        assertTrue(problems.get(0).message().contains("must be an Avro record"), problems.toString());
        problems.clear();
        assertNull(RuledSchema.parse("{not json", AT, problems));
        assertTrue(problems.get(0).message().startsWith("is not an Avro schema"), problems.toString());
    }
}

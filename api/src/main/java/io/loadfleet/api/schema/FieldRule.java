package io.loadfleet.api.schema;

import java.util.List;

/**
 * How one field's values are chosen, read from the {@code arg.properties} of a field in a user's
 * Avro schema (the annotation Confluent's avro-random-generator and datagen use, so their schemas
 * work here). Numbers are Longs for int and long fields (logical types included: days for
 * {@code date}, units since the epoch or midnight for timestamps and times), Doubles for float and
 * double fields and BigDecimals for {@code decimal} fields. Records, arrays, maps and unions of
 * several types hold the rules of their parts, so the rules of a schema form a tree like its types.
 */
public sealed interface FieldRule {

    /** Uniform in [min, max): {@code "range": {"min": 1, "max": 500}}. */
    record Range(Number min, Number max) implements FieldRule {}

    /**
     * One of the values, with the given weights (all 1 for a plain list):
     * {@code "options": ["a", "b"]} or {@code "options": [{"value": "a", "weight": 3}, ...]}.
     */
    record Options(List<Object> values, List<Double> weights) implements FieldRule {}

    /** start, start + step, ... counted per shard: {@code "iteration": {"start": 1, "step": 1}}. */
    record Iteration(Number start, Number step) implements FieldRule {}

    /**
     * Between min and max (inclusive) letters and digits of a string, random bytes of a {@code bytes}
     * value: {@code "length": 8} or {@code {"min": 4, "max": 12}}.
     */
    record Length(int min, int max) implements FieldRule {}

    /** A string matching the pattern: {@code "regex": "[A-Z]{2}-\\d{4}"}. */
    record Regex(String pattern, RegexSubset.Node tree) implements FieldRule {}

    /** The device's id (a string field) or number (an int or long field): {@code "device-id": true}. */
    record DeviceId() implements FieldRule {}

    /** No rule: a type's default (see docs/own-data.md). */
    record Default() implements FieldRule {}

    /** A record: each of its fields by its own rules. */
    record Fields(List<FieldRules> fields) implements FieldRule {}

    /**
     * An array of min to max items (inclusive; its {@code "length"} rule, by default 0 to 4), each
     * drawn by {@code items}.
     */
    record Items(int min, int max, ValueRules items) implements FieldRule {
        public static final int DEFAULT_MIN = 0;
        public static final int DEFAULT_MAX = 4;
    }

    /**
     * A map of min to max entries (inclusive; its {@code "length"} rule, by default 0 to 4), keys
     * drawn by {@code keys} (a string's rule: its {@code "keys"} rule, by default 8 letters and
     * digits), values by {@code values}. Entries whose key repeats collapse into one.
     */
    record Entries(int min, int max, FieldRule keys, ValueRules values) implements FieldRule {}

    /** A union of several types besides null: one of its other branches, each as likely, by its own rules. */
    record OneOf(List<ValueRules> branches) implements FieldRule {}
}

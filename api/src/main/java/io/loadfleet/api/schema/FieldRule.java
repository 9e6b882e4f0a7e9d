package io.loadfleet.api.schema;

import java.util.List;

/**
 * How one field's values are chosen, read from the {@code arg.properties} of a field in a user's
 * Avro schema (the annotation Confluent's avro-random-generator and datagen use, so their schemas
 * work here). Numbers are Longs for int and long fields and Doubles for double fields.
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

    /** Letters and digits, between min and max long (inclusive): {@code "length": 8} or {@code {"min": 4, "max": 12}}. */
    record Length(int min, int max) implements FieldRule {}

    /** A string matching the pattern: {@code "regex": "[A-Z]{2}-\\d{4}"}. */
    record Regex(String pattern, RegexSubset.Node tree) implements FieldRule {}

    /** The device's id (a string field) or number (an int or long field): {@code "device-id": true}. */
    record DeviceId() implements FieldRule {}

    /** No rule: a type's default (see docs/own-data.md). */
    record Default() implements FieldRule {}
}

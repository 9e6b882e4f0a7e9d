package io.loadfleet.worker.records;

import io.loadfleet.api.schema.FlatSchema;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * How a generated record holds a field, read off its Avro schema: the flat types unboxed (the
 * non-null branch of a nullable one), any other type as Avro's generic value.
 */
public enum FieldKind {
    STRING,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    /** A {@code long} with logical type {@code timestamp-millis}: epoch milliseconds. */
    TIMESTAMP_MILLIS,
    /** One of an enum's symbols, held as its index (Avro's encoding) and its text (JSON's). */
    ENUM,
    /**
     * Any other field of a user's avro-schema (a record, array, map, union of several types, bytes, fixed,
     * float, or a logical type other than timestamp-millis and uuid), held as Avro's generic value.
     */
    GENERIC;

    public static FieldKind of(Schema.Field field) {
        if (!FlatSchema.isFlat(field.schema())) {
            return GENERIC;
        }
        Schema s = FlatSchema.valueType(field.schema());
        return switch (s.getType()) {
            case STRING -> STRING;
            case INT -> INT;
            case LONG -> s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? TIMESTAMP_MILLIS : LONG;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case ENUM -> ENUM;
            default -> throw new IllegalStateException("FlatSchema accepted " + s.getType());
        };
    }

    /** The kinds of every field of a record schema, by position. */
    public static FieldKind[] of(Schema record) {
        return record.getFields().stream().map(FieldKind::of).toArray(FieldKind[]::new);
    }
}

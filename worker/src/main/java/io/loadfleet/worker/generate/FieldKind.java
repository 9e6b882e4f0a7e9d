package io.loadfleet.worker.generate;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** The flat field types generators produce, read off an Avro schema field. */
public enum FieldKind {
    STRING, INT, LONG, DOUBLE, BOOLEAN,
    /** A {@code long} with logical type {@code timestamp-millis}: epoch milliseconds. */
    TIMESTAMP_MILLIS;

    public static FieldKind of(Schema.Field field) {
        Schema s = field.schema();
        return switch (s.getType()) {
            case STRING -> STRING;
            case INT -> INT;
            case LONG -> s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? TIMESTAMP_MILLIS : LONG;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            default -> throw new IllegalArgumentException("field " + field.name() + " is " + s.getType()
                    + ": generated records hold only string, int, long, double and boolean fields");
        };
    }

    /** The kinds of every field of a record schema, by position. */
    public static FieldKind[] of(Schema record) {
        return record.getFields().stream().map(FieldKind::of).toArray(FieldKind[]::new);
    }
}

package io.loadfleet.worker.records;

import io.loadfleet.api.schema.TimeType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;

/**
 * Single Avro values, as Avro's generic representation holds them, in the form JSON and CSV show:
 * dates, times and timestamps as ISO-8601 text, decimals as exact numbers, a {@code uuid} in fixed as
 * its text, other bytes and fixed as base64, enum symbols and strings as text.
 */
public final class ScalarValues {

    private ScalarValues() {}

    /** The branch of the union {@code type} that holds {@code value}; {@code type} itself when it is not a union. */
    public static Schema branch(Schema type, Object value) {
        return type.getType() == Schema.Type.UNION
                ? type.getTypes().get(GenericData.get().resolveUnion(type, value))
                : type;
    }

    /**
     * {@code value} (of {@code type}, not a union) as shown: a String for text, dates, times,
     * timestamps and binary values, a BigDecimal for a decimal; numbers, booleans and null as they are.
     *
     * @throws IllegalArgumentException for a record, array or map, which are not single values
     */
    public static Object readable(Schema type, Object value) {
        if (value == null) {
            return null;
        }
        TimeType time = TimeType.of(type);
        if (time != null) {
            return time.text(((Number) value).longValue());
        }
        return switch (type.getType()) {
            case STRING, ENUM -> value.toString();
            case BYTES, FIXED -> binary(type, bytes(value));
            case INT, LONG, FLOAT, DOUBLE, BOOLEAN, NULL -> value;
            default -> throw new IllegalArgumentException(type.getType().getName() + " is not a single value");
        };
    }

    private static Object binary(Schema type, byte[] bytes) {
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal(new BigInteger(bytes), decimal.getScale());
        }
        if (type.getLogicalType() instanceof LogicalTypes.Uuid) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new UUID(b.getLong(), b.getLong()).toString();
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes of a {@code bytes} value (its remaining ones) or of a fixed one. */
    private static byte[] bytes(Object value) {
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes();
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

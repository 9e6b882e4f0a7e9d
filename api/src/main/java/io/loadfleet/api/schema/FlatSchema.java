package io.loadfleet.api.schema;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The fields loadfleet holds unboxed and encodes without Avro's generic writers: strings, ints,
 * longs (optionally {@code timestamp-millis}), doubles, booleans and enums, each optionally nullable
 * as a two-branch union with {@code "null"}. Every generator's records are flat; a user's avro-schema
 * may also hold other types, which are kept as Avro's generic values.
 */
public final class FlatSchema {

    private FlatSchema() {}

    /**
     * The field's value type: its own type, or the non-null branch of a {@code ["null", T]} union; any
     * other union is its own value type.
     */
    public static Schema valueType(Schema fieldType) {
        if (fieldType.getType() != Schema.Type.UNION || fieldType.getTypes().size() != 2 || nullBranch(fieldType) < 0) {
            return fieldType;
        }
        return fieldType.getTypes().get(1 - nullBranch(fieldType));
    }

    /** The index of the {@code null} branch of a union; -1 when the type is not a union holding null. */
    public static int nullBranch(Schema fieldType) {
        if (fieldType.getType() != Schema.Type.UNION) {
            return -1;
        }
        List<Schema> branches = fieldType.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).getType() == Schema.Type.NULL) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a field of this type is flat (see above). */
    public static boolean isFlat(Schema fieldType) {
        Schema type = valueType(fieldType);
        return switch (type.getType()) {
            case STRING, INT, DOUBLE, BOOLEAN, ENUM -> type.getLogicalType() == null || isUuid(type);
            case LONG -> type.getLogicalType() == null || RuledSchema.isTimestamp(type);
            default -> false;
        };
    }

    /** A {@code uuid} string: text like any other once generated. */
    private static boolean isUuid(Schema type) {
        return type.getType() == Schema.Type.STRING && type.getLogicalType() instanceof LogicalTypes.Uuid;
    }
}

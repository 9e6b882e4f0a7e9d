package io.loadfleet.api.schema;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The record shapes loadfleet generates: flat records whose fields are strings, ints, longs
 * (optionally {@code timestamp-millis}), doubles, booleans or enums, each optionally nullable as a
 * two-branch union with {@code "null"}. Message encoders and file writers handle exactly these.
 */
public final class FlatSchema {

    private FlatSchema() {}

    /** The field's value type: its own type, or the non-null branch of a {@code ["null", T]} union. */
    public static Schema valueType(Schema fieldType) {
        if (fieldType.getType() != Schema.Type.UNION) {
            return fieldType;
        }
        List<Schema> branches = fieldType.getTypes();
        return branches.get(nullBranch(fieldType) == 0 ? 1 : 0);
    }

    /** The index of the {@code null} branch of a nullable field's union; -1 when the field is not nullable. */
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

    /** Why records of this field cannot be generated; empty when they can. */
    public static Optional<String> unsupported(Schema.Field field) {
        Schema type = field.schema();
        if (type.getType() == Schema.Type.UNION) {
            if (type.getTypes().size() != 2 || nullBranch(type) < 0) {
                return Optional.of("is a union other than [\"null\", T]: use one type, or null and one type");
            }
            type = valueType(type);
        }
        return switch (type.getType()) {
            case STRING, INT, LONG, DOUBLE, BOOLEAN, ENUM -> Optional.empty();
            default ->
                Optional.of("is " + type.getType().getName() + ": generated records hold string, int, long, "
                        + "double, boolean and enum fields (each optionally nullable), not nested or binary types");
        };
    }
}

package io.loadfleet.api.schema;

import org.apache.avro.Schema;

/**
 * A field of a user's schema with its rule.
 *
 * @param pos       the field's position in the record
 * @param name      the field's name
 * @param valueType its type, the non-null branch when it is {@code ["null", T]}, the union itself when
 *                  that holds several types besides null
 * @param nullOdds  the share of records in which it is null ({@code "null": 0.1}); 0 unless nullable
 * @param rule      how its values are chosen
 */
public record FieldRules(int pos, String name, Schema valueType, double nullOdds, FieldRule rule) {

    /** Its values' rules, as an array's items or a map's values have them. */
    public ValueRules value() {
        return new ValueRules(valueType, nullOdds, rule);
    }
}

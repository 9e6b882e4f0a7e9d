package io.loadfleet.api.schema;

import org.apache.avro.Schema;

/**
 * How the values of one place in a user's schema are drawn: a field's, an array's items', a map's
 * values' or a union branch's.
 *
 * @param valueType the type, the non-null branch of a {@code ["null", T]} union; a union of several
 *                  types besides null is itself the value type (its rule is {@link FieldRule.OneOf})
 * @param nullOdds  the share of values that are null ({@code "null": 0.1}); 0 unless the type holds null
 * @param rule      how the non-null values are chosen
 */
public record ValueRules(Schema valueType, double nullOdds, FieldRule rule) {}

package io.loadfleet.api.schema;

import io.loadfleet.api.problem.Problem;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A user's Avro record schema with each field's generation rule, from the field's
 * {@code arg.properties}, and the rules of every record, array, map and union nested in it. Parsing
 * checks everything a generator relies on and reports each mistake naming the field (a path such as
 * {@code customer.address.city}, {@code lines[].sku} or {@code tags{}}), the property and the fix, so
 * the CLI and the operator refuse a bad schema alike.
 */
public record RuledSchema(Schema schema, List<FieldRules> fields) {
    /** The field property holding the rules. */
    public static final String PROPERTIES = "arg.properties";
    /** The longest string or {@code bytes} value, and the most array items or map entries, a length rule may ask for. */
    public static final int MAX_LENGTH = 10_000;

    /**
     * Parses {@code text}, adding a problem at {@code at} (e.g. {@code spec.generator.avroSchema.schema})
     * for each mistake.
     *
     * @return the schema and its rules; null when there was any problem
     */
    public static RuledSchema parse(String text, String at, List<Problem> problems) {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (org.apache.avro.AvroRuntimeException e) {
            problems.add(new Problem(at, "is not an Avro schema: " + e.getMessage()));
            return null;
        }
        if (schema.getType() != Schema.Type.RECORD || schema.getFields().isEmpty()) {
            problems.add(new Problem(
                    at,
                    "must be an Avro record with at least one field (found "
                            + schema.getType().getName() + ")"));
            return null;
        }
        int before = problems.size();
        List<FieldRules> fields = new FieldRulesReader(at, problems).fields(schema);
        return problems.size() == before ? new RuledSchema(schema, fields) : null;
    }

    /** Whether a long field holds epoch milliseconds. */
    public static boolean isTimestamp(Schema valueType) {
        return valueType.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** Adds problems about one field (and one of its rules) at the schema's path. */
    record FieldProblems(String at, String field, List<Problem> problems) {
        void add(String message) {
            problems.add(new Problem(at, "field " + field + ": " + message));
        }

        FieldProblems at(String rule) {
            return new FieldProblems(at, field + ": " + PROPERTIES + "." + rule, problems);
        }

        /** The problems of a part of this field's value: {@code ".name"}, {@code "[]"}, {@code "{}"} or {@code "(Branch)"}. */
        FieldProblems part(String suffix) {
            return new FieldProblems(at, field + suffix, problems);
        }
    }
}

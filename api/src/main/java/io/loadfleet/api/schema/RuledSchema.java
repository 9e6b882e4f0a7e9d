package io.loadfleet.api.schema;

import io.loadfleet.api.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A user's Avro record schema with each field's generation rule, from the field's
 * {@code arg.properties}. Parsing checks everything a generator relies on and reports each mistake
 * naming the field, the property and the fix, so the CLI and the operator refuse a bad schema alike.
 */
public record RuledSchema(Schema schema, List<FieldRules> fields) {
    /** The field property holding the rules. */
    public static final String PROPERTIES = "arg.properties";
    /** The longest string a length rule may ask for. */
    public static final int MAX_LENGTH = 10_000;

    private static final Set<String> VALUE_RULES =
            Set.of("range", "options", "iteration", "length", "regex", "device-id");
    private static final String NULL_ODDS = "null";

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
        List<FieldRules> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            FieldProblems report = new FieldProblems(at, field.name(), problems);
            FlatSchema.unsupported(field).ifPresentOrElse(report::add, () -> fields.add(rules(field, report)));
        }
        return problems.size() == before ? new RuledSchema(schema, List.copyOf(fields)) : null;
    }

    private static FieldRules rules(Schema.Field field, FieldProblems report) {
        Schema type = FlatSchema.valueType(field.schema());
        boolean nullable = FlatSchema.nullBranch(field.schema()) >= 0;
        // on the field, or on its type as Confluent's avro-random-generator and datagen put them
        Object onField = field.getObjectProp(PROPERTIES);
        Object onType = type.getObjectProp(PROPERTIES);
        if (onField != null && onType != null) {
            report.add(PROPERTIES + " is on both the field and its type: keep one");
            return null;
        }
        Object props = onField != null ? onField : onType;
        if (props == null) {
            return new FieldRules(field.pos(), field.name(), type, 0, new FieldRule.Default());
        }
        if (!(props instanceof Map<?, ?> map)) {
            report.add(PROPERTIES + " must be an object such as {\"range\": {\"min\": 0, \"max\": 10}}");
            return null;
        }
        Set<String> unknown = new TreeSet<>();
        List<String> given = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (VALUE_RULES.contains(key)) {
                given.add((String) key);
            } else if (!NULL_ODDS.equals(key)) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            report.add(
                    PROPERTIES + ": unknown rule " + unknown + "; known: " + new TreeSet<>(VALUE_RULES) + " and null");
        }
        if (given.size() > 1) {
            report.add(PROPERTIES + ": " + given + " are exclusive: give one of them");
            return null;
        }
        double nullOdds = nullOdds(map.get(NULL_ODDS), nullable, report);
        FieldRule rule = given.isEmpty()
                ? new FieldRule.Default()
                : RuleReader.read(given.get(0), map.get(given.get(0)), type, report.at(given.get(0)));
        return new FieldRules(field.pos(), field.name(), type, nullOdds, rule);
    }

    private static double nullOdds(Object value, boolean nullable, FieldProblems report) {
        if (value == null) {
            return 0;
        }
        if (!nullable) {
            report.add(PROPERTIES + ".null: the field is not nullable: make its type [\"null\", T] or remove null");
            return 0;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            report.add(PROPERTIES + ".null: " + value + " is not odds between 0 and 1, e.g. 0.1 for one record in ten");
            return 0;
        }
        return n.doubleValue();
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
    }
}

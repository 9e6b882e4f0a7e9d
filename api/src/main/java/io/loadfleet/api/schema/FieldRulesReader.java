package io.loadfleet.api.schema;

import io.loadfleet.api.problem.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Reads the rules of a record's fields, and of every record, array, map and union nested in them,
 * each from the {@code arg.properties} of its field or of its type. Array items and map values have
 * no field, so their rules are on their type, as avro-random-generator reads them; a union of several
 * types takes only {@code null} odds on its field, and each branch's rules on the branch's type.
 */
final class FieldRulesReader {
    private static final Set<String> VALUE_RULES =
            Set.of("range", "options", "iteration", "length", "regex", "device-id");
    private static final String NULL_ODDS = "null";
    private static final String LENGTH = "length";
    private static final String KEYS = "keys";
    private static final Set<String> KEY_RULES = Set.of("length", "regex", "options");
    private static final Schema KEY_TYPE = Schema.create(Schema.Type.STRING);
    /** Logical types Avro knows whose values random bytes would not make: refused rather than sent broken. */
    private static final Set<String> NOT_GENERATED = Set.of("big-decimal", "duration");

    private final String at;
    private final List<Problem> problems;
    /** Full names of the records whose fields are being read: one met again inside itself would never end. */
    private final Deque<String> enclosing = new ArrayDeque<>();

    FieldRulesReader(String at, List<Problem> problems) {
        this.at = at;
        this.problems = problems;
    }

    /** The rules of each of the record's fields; an incomplete list after reporting problems. */
    List<FieldRules> fields(Schema record) {
        return fields(record, "");
    }

    private List<FieldRules> fields(Schema record, String prefix) {
        enclosing.push(record.getFullName());
        List<FieldRules> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            RuledSchema.FieldProblems report = new RuledSchema.FieldProblems(at, prefix + field.name(), problems);
            ValueRules value = value(field.schema(), field.getObjectProp(RuledSchema.PROPERTIES), report);
            if (value != null) {
                fields.add(
                        new FieldRules(field.pos(), field.name(), value.valueType(), value.nullOdds(), value.rule()));
            }
        }
        enclosing.pop();
        return List.copyOf(fields);
    }

    /**
     * The rules of a value of {@code type}, a union or not.
     *
     * @param onField the field's own {@code arg.properties}; null for array items and map values, which have no field
     */
    private ValueRules value(Schema type, Object onField, RuledSchema.FieldProblems report) {
        boolean nullable = FlatSchema.nullBranch(type) >= 0;
        List<Schema> values = type.getType() != Schema.Type.UNION
                ? List.of(type)
                : type.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL)
                        .toList();
        if (values.size() <= 1) {
            Schema value = values.isEmpty() ? type : values.get(0);
            Map<?, ?> props = properties(onField, value.getObjectProp(RuledSchema.PROPERTIES), report);
            if (props == null) {
                return null;
            }
            double nullOdds = nullOdds(props.get(NULL_ODDS), nullable && !values.isEmpty(), report);
            FieldRule rule = rule(value, props, report);
            return rule == null ? null : new ValueRules(value, nullOdds, rule);
        }
        Map<?, ?> props = properties(onField, null, report);
        if (props == null) {
            return null;
        }
        if (!unknown(props, Set.of()).isEmpty()) {
            report.add(RuledSchema.PROPERTIES + ": " + unknown(props, Set.of()) + " do not apply to a union of "
                    + "several types: put each branch's rules on its type, e.g. {\"type\": \"int\", \""
                    + RuledSchema.PROPERTIES + "\": {\"range\": {\"min\": 0, \"max\": 9}}}");
            return null;
        }
        double nullOdds = nullOdds(props.get(NULL_ODDS), nullable, report);
        List<ValueRules> branches = new ArrayList<>();
        for (Schema branch : values) {
            branches.add(value(branch, null, report.part("(" + branch.getName() + ")")));
        }
        return branches.contains(null) ? null : new ValueRules(type, nullOdds, new FieldRule.OneOf(branches));
    }

    /** The rules given on the field or on its type (not both); null after reporting a mistake. */
    private static Map<?, ?> properties(Object onField, Object onType, RuledSchema.FieldProblems report) {
        if (onField != null && onType != null) {
            report.add(RuledSchema.PROPERTIES + " is on both the field and its type: keep one");
            return null;
        }
        Object props = onField != null ? onField : onType;
        if (props == null) {
            return Map.of();
        }
        if (!(props instanceof Map<?, ?> map)) {
            report.add(RuledSchema.PROPERTIES + " must be an object such as {\"range\": {\"min\": 0, \"max\": 10}}");
            return null;
        }
        return map;
    }

    /** The rule of a type that is not a union; null after reporting why there is none. */
    private FieldRule rule(Schema type, Map<?, ?> props, RuledSchema.FieldProblems report) {
        String logical = type.getProp(LogicalType.LOGICAL_TYPE_PROP);
        if (logical != null && NOT_GENERATED.contains(logical)) {
            report.add("logical type " + logical + " is not generated: use decimal with a precision and scale, "
                    + "or the plain type with a rule");
            return null;
        }
        if (logical != null && type.getLogicalType() == null) {
            try {
                LogicalTypes.fromSchema(type); // Avro's parser drops an invalid one silently; this says why
            } catch (RuntimeException e) {
                report.add("logicalType " + logical + " is invalid: " + e.getMessage());
                return null;
            }
        }
        return switch (type.getType()) {
            case RECORD -> record(type, props, report);
            case ARRAY -> array(type, props, report);
            case MAP -> map(type, props, report);
            default -> scalar(type, props, report);
        };
    }

    private FieldRule record(Schema type, Map<?, ?> props, RuledSchema.FieldProblems report) {
        if (enclosing.contains(type.getFullName())) {
            report.add("record " + type.getFullName() + " contains itself: a recursive record cannot be "
                    + "generated (it would never end); give the nesting a fixed depth");
            return null;
        }
        if (!only(props, Set.of(), "a record takes its rules on its fields", report)) {
            return null;
        }
        return new FieldRule.Fields(fields(type, report.field() + "."));
    }

    private FieldRule array(Schema type, Map<?, ?> props, RuledSchema.FieldProblems report) {
        boolean known = only(props, Set.of(LENGTH), "an array takes length (its number of items)", report);
        FieldRule.Length length = length(type, props, report);
        ValueRules items = value(type.getElementType(), null, report.part("[]"));
        return !known || length == null || items == null
                ? null
                : new FieldRule.Items(length.min(), length.max(), items);
    }

    private FieldRule map(Schema type, Map<?, ?> props, RuledSchema.FieldProblems report) {
        boolean known =
                only(props, Set.of(LENGTH, KEYS), "a map takes length (its number of entries) and keys", report);
        FieldRule.Length length = length(type, props, report);
        FieldRule keys = props.containsKey(KEYS) ? keys(props.get(KEYS), report) : new FieldRule.Default();
        ValueRules values = value(type.getValueType(), null, report.part("{}"));
        return !known || length == null || keys == null || values == null
                ? null
                : new FieldRule.Entries(length.min(), length.max(), keys, values);
    }

    /** An array's or map's length rule, or its default; null after reporting a bad one. */
    private static FieldRule.Length length(Schema type, Map<?, ?> props, RuledSchema.FieldProblems report) {
        return props.containsKey(LENGTH)
                ? (FieldRule.Length) RuleReader.read(LENGTH, props.get(LENGTH), type, report.at(LENGTH))
                : new FieldRule.Length(FieldRule.Items.DEFAULT_MIN, FieldRule.Items.DEFAULT_MAX);
    }

    /** A map's keys rule: one string rule, as avro-random-generator's {@code "keys"} holds it. */
    private static FieldRule keys(Object value, RuledSchema.FieldProblems report) {
        if (!(value instanceof Map<?, ?> map)
                || map.size() != 1
                || !KEY_RULES.contains(map.keySet().iterator().next())) {
            report.at(KEYS).add("must be one string rule, such as {\"regex\": \"[a-z]{4}\"}: length, regex or options");
            return null;
        }
        String rule = (String) map.keySet().iterator().next();
        return RuleReader.read(rule, map.get(rule), KEY_TYPE, report.at(KEYS + "." + rule));
    }

    private FieldRule scalar(Schema type, Map<?, ?> props, RuledSchema.FieldProblems report) {
        Set<String> unknown = unknown(props, VALUE_RULES);
        if (!unknown.isEmpty()) {
            report.add(RuledSchema.PROPERTIES + ": unknown rule " + unknown + "; known: " + new TreeSet<>(VALUE_RULES)
                    + " and null");
        }
        List<String> given = props.keySet().stream()
                .filter(VALUE_RULES::contains)
                .map(String.class::cast)
                .sorted()
                .toList();
        if (given.size() > 1) {
            report.add(RuledSchema.PROPERTIES + ": " + given + " are exclusive: give one of them");
            return null;
        }
        return given.isEmpty()
                ? new FieldRule.Default()
                : RuleReader.read(given.get(0), props.get(given.get(0)), type, report.at(given.get(0)));
    }

    /** Whether {@code props} hold only {@code known} rules (and null odds); reports the others with {@code takes}. */
    private static boolean only(Map<?, ?> props, Set<String> known, String takes, RuledSchema.FieldProblems report) {
        Set<String> unknown = unknown(props, known);
        if (!unknown.isEmpty()) {
            report.add(RuledSchema.PROPERTIES + ": " + unknown + " do not apply: " + takes);
        }
        return unknown.isEmpty();
    }

    /** The keys of {@code props} that are neither {@code known} nor null odds, sorted. */
    private static Set<String> unknown(Map<?, ?> props, Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (Object key : props.keySet()) {
            if (!known.contains(key) && !NULL_ODDS.equals(key)) {
                unknown.add(String.valueOf(key));
            }
        }
        return unknown;
    }

    private static double nullOdds(Object value, boolean nullable, RuledSchema.FieldProblems report) {
        if (value == null) {
            return 0;
        }
        if (!nullable) {
            report.add(RuledSchema.PROPERTIES + ".null: the field is not nullable: make its type [\"null\", T] or "
                    + "remove null");
            return 0;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            report.add(RuledSchema.PROPERTIES + ".null: " + value + " is not odds between 0 and 1, e.g. 0.1 for one "
                    + "record in ten");
            return 0;
        }
        return n.doubleValue();
    }
}

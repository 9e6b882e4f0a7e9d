package io.loadfleet.api.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** Reads one rule of a field's {@code arg.properties} against the field's type. */
final class RuleReader {
    private final Schema type;
    private final RuledSchema.FieldProblems report;

    private RuleReader(Schema type, RuledSchema.FieldProblems report) {
        this.type = type;
        this.report = report;
    }

    /** The rule, or null after reporting why it cannot be used. */
    static FieldRule read(String name, Object value, Schema type, RuledSchema.FieldProblems report) {
        RuleReader reader = new RuleReader(type, report);
        return switch (name) {
            case "range" -> reader.range(value);
            case "options" -> reader.options(value);
            case "iteration" -> reader.iteration(value);
            case "length" -> reader.length(value);
            case "regex" -> reader.regex(value);
            case "device-id" -> reader.deviceId(value);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private FieldRule range(Object value) {
        if (!numeric() || !(value instanceof Map<?, ?> map)) {
            return fail(
                    numeric()
                            ? "must be {\"min\": LOW, \"max\": HIGH}, HIGH excluded"
                            : "applies to int, long and double fields");
        }
        Number min = number(map.get("min"), "min");
        Number max = number(map.get("max"), "max");
        if (min == null || max == null) {
            return null;
        }
        if (min.doubleValue() >= max.doubleValue()) {
            return fail("min " + min + " must be below max " + max + " (max is excluded)");
        }
        if (!Double.isFinite(max.doubleValue() - min.doubleValue())) {
            return fail("max - min overflows a double: narrow the range");
        }
        return new FieldRule.Range(min, max);
    }

    private FieldRule options(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return fail("must be a non-empty list of values, or of {\"value\": V, \"weight\": W}");
        }
        List<Object> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Object option : list) {
            Object v = option;
            double weight = 1;
            if (option instanceof Map<?, ?> weighted) {
                v = weighted.get("value");
                if (!(weighted.get("weight") instanceof Number w)
                        || !(w.doubleValue() > 0)
                        || Double.isInfinite(w.doubleValue())) {
                    return fail(option + ": weight must be a number above 0");
                }
                weight = w.doubleValue();
            }
            Object typed = typed(v);
            if (typed == null) {
                return null;
            }
            values.add(typed);
            weights.add(weight);
        }
        return new FieldRule.Options(List.copyOf(values), List.copyOf(weights));
    }

    private FieldRule iteration(Object value) {
        if (!numeric() || !(value instanceof Map<?, ?> map)) {
            return fail(numeric() ? "must be {\"start\": S, \"step\": D}" : "applies to int, long and double fields");
        }
        Number start = map.get("start") == null ? Long.valueOf(0) : number(map.get("start"), "start");
        Number step = map.get("step") == null ? Long.valueOf(1) : number(map.get("step"), "step");
        if (start == null || step == null) {
            return null;
        }
        if (step.doubleValue() == 0) {
            return fail("step must not be 0");
        }
        return new FieldRule.Iteration(start, step);
    }

    private FieldRule length(Object value) {
        if (type.getType() != Schema.Type.STRING) {
            return fail("applies to string fields");
        }
        Object min = value instanceof Map<?, ?> map ? map.get("min") : value;
        Object max = value instanceof Map<?, ?> map ? map.get("max") : value;
        if (!(min instanceof Integer lo)
                || !(max instanceof Integer hi)
                || lo < 0
                || hi < lo
                || hi > RuledSchema.MAX_LENGTH) {
            return fail(value + " is not a length: give N or {\"min\": N, \"max\": M} with 0 <= N <= M <= "
                    + RuledSchema.MAX_LENGTH);
        }
        return new FieldRule.Length(lo, hi);
    }

    private FieldRule regex(Object value) {
        if (type.getType() != Schema.Type.STRING || !(value instanceof String pattern)) {
            return fail(type.getType() == Schema.Type.STRING ? "must be a pattern string" : "applies to string fields");
        }
        try {
            RegexSubset.Node tree = RegexSubset.parse(pattern);
            if (RegexSubset.maxLength(tree) > RuledSchema.MAX_LENGTH) {
                return fail("\"" + pattern + "\" can make strings of " + RegexSubset.maxLength(tree)
                        + " characters: at most " + RuledSchema.MAX_LENGTH);
            }
            return new FieldRule.Regex(pattern, tree);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    private FieldRule deviceId(Object value) {
        Schema.Type t = type.getType();
        if (!Boolean.TRUE.equals(value)
                || !(t == Schema.Type.STRING || t == Schema.Type.INT || t == Schema.Type.LONG)) {
            return fail("must be true, on a string field (the device's id) or an int or long field (its number)");
        }
        return new FieldRule.DeviceId();
    }

    /** An option's value as the field's type holds it, or null after reporting the mismatch. */
    private Object typed(Object v) {
        Object typed = switch (type.getType()) {
            case STRING -> v instanceof String ? v : null;
            case BOOLEAN -> v instanceof Boolean ? v : null;
            case ENUM -> v instanceof String s && type.hasEnumSymbol(s) ? v : null;
            case INT, LONG, DOUBLE -> v instanceof Number n ? number(n, "option") : null;
            default -> null;
        };
        if (typed == null && !(v instanceof Number && numeric())) {
            fail(v + " is not a"
                    + (type.getType() == Schema.Type.ENUM
                            ? " symbol of " + type.getEnumSymbols()
                            : (type.getType() == Schema.Type.INT ? "n " : " ")
                                    + type.getType().getName()));
        }
        return typed;
    }

    /** A number the field can hold: a Long for int and long fields, a Double for double fields; null after reporting. */
    private Number number(Object v, String what) {
        if (!(v instanceof Number n)) {
            fail(what + " " + (v == null ? "is missing" : v + " is not a number"));
            return null;
        }
        if (type.getType() == Schema.Type.DOUBLE) {
            return n.doubleValue();
        }
        boolean integral = n instanceof Integer || n instanceof Long;
        long l = n.longValue();
        if (!integral || (type.getType() == Schema.Type.INT && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE))) {
            fail(what + " " + n + " is not a" + (type.getType() == Schema.Type.INT ? "n int" : " long"));
            return null;
        }
        return l;
    }

    private boolean numeric() {
        Schema.Type t = type.getType();
        return t == Schema.Type.INT || t == Schema.Type.LONG || t == Schema.Type.DOUBLE;
    }

    private FieldRule fail(String message) {
        report.add(message);
        return null;
    }
}

package io.loadfleet.api.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Reads one rule of a field's {@code arg.properties} against the field's type. */
final class RuleReader {
    private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");
    private static final String UUID_RULES =
            "a uuid takes only options (each a UUID); without them, random version-4 UUIDs";
    private static final String DECIMAL_RULES = "a decimal takes range or options";

    private final Schema type;
    private final RuledSchema.FieldProblems report;
    /** The type's decimal logical type (bytes or fixed); null for other types. */
    private final LogicalTypes.Decimal decimal;
    /** The type's date, time or timestamp logical type; null for other types. */
    private final TimeType time;

    private RuleReader(Schema type, RuledSchema.FieldProblems report) {
        this.type = type;
        this.report = report;
        this.decimal = type.getLogicalType() instanceof LogicalTypes.Decimal d ? d : null;
        this.time = TimeType.of(type);
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
        if (!(numeric() || decimal != null) || !(value instanceof Map<?, ?> map)) {
            return fail(
                    numeric() || decimal != null
                            ? "must be {\"min\": LOW, \"max\": HIGH}, HIGH excluded"
                            : "applies to int, long, float, double and decimal fields");
        }
        Number min = number(map.get("min"), "min", false);
        Number max = number(map.get("max"), "max", true);
        if (min == null || max == null) {
            return null;
        }
        if (compare(min, max) >= 0) {
            return fail("min " + min + " must be below max " + max + " (max is excluded)");
        }
        if (decimal != null) {
            BigInteger steps = ((BigDecimal) max).subtract((BigDecimal) min).unscaledValue();
            if (steps.bitLength() > Long.SIZE - 1) {
                return fail(
                        "max - min holds more than 2^63 values of scale " + decimal.getScale() + ": narrow the range");
            }
        } else if (!Double.isFinite(max.doubleValue() - min.doubleValue())) {
            return fail("max - min overflows a double: narrow the range");
        }
        if (time != null && time.isTimeOfDay() && (min.longValue() < 0 || max.longValue() > time.unitsPerDay())) {
            return fail("a time of day is in [0, " + time.unitsPerDay() + "): give min >= 0 and max <= "
                    + time.unitsPerDay());
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
        if (decimal != null) {
            return fail(DECIMAL_RULES);
        }
        boolean counts = numeric() && (time == null || !time.isTimeOfDay());
        if (!counts || !(value instanceof Map<?, ?> map)) {
            return fail(
                    counts
                            ? "must be {\"start\": S, \"step\": D}"
                            : "applies to int, long, float and double fields (not times of day)");
        }
        Number start = map.get("start") == null ? Long.valueOf(0) : number(map.get("start"), "start", false);
        Number step = map.get("step") == null ? Long.valueOf(1) : number(map.get("step"), "step", false);
        if (start == null || step == null) {
            return null;
        }
        if (step.doubleValue() == 0) {
            return fail("step must not be 0");
        }
        return new FieldRule.Iteration(start, step);
    }

    /** Characters of a string, bytes of a bytes value, items of an array, entries of a map. */
    private FieldRule length(Object value) {
        if (isUuid() || decimal != null) {
            return fail(isUuid() ? UUID_RULES : DECIMAL_RULES);
        }
        Schema.Type t = type.getType();
        if (!(text() || t == Schema.Type.BYTES || t == Schema.Type.ARRAY || t == Schema.Type.MAP)) {
            return fail("applies to string, bytes, array and map fields");
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
        if (isUuid()) {
            return fail(UUID_RULES);
        }
        if (!text() || !(value instanceof String pattern)) {
            return fail(text() ? "must be a pattern string" : "applies to string fields");
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
        if (isUuid()) {
            return fail(UUID_RULES);
        }
        Schema.Type t = type.getType();
        boolean integral = (t == Schema.Type.INT || t == Schema.Type.LONG) && (time == null || !time.isTimeOfDay());
        if (!Boolean.TRUE.equals(value) || !(text() || integral)) {
            return fail("must be true, on a string field (the device's id) or an int or long field (its number)");
        }
        return new FieldRule.DeviceId();
    }

    /** An option's value as the field's type holds it, or null after reporting the mismatch. */
    private Object typed(Object v) {
        if (decimal != null) {
            return number(v, "option", false);
        }
        if (numeric()) {
            if (!(v instanceof Number)) {
                return fail(v + " is not a" + (type.getType() == Schema.Type.INT ? "n " : " ")
                        + type.getType().getName());
            }
            Number n = number(v, "option", false);
            if (n == null) {
                return null;
            }
            if (time != null && time.isTimeOfDay() && (n.longValue() < 0 || n.longValue() >= time.unitsPerDay())) {
                return fail(v + " is not a time of day: give 0 to " + (time.unitsPerDay() - 1));
            }
            return n;
        }
        return switch (type.getType()) {
            case STRING ->
                isUuid()
                        ? (v instanceof String s && UUID.matcher(s).matches() ? v : fail(v + " is not a UUID"))
                        : (v instanceof String ? v : fail(v + " is not a string"));
            case BOOLEAN -> v instanceof Boolean ? v : fail(v + " is not a boolean");
            case ENUM ->
                v instanceof String s && type.hasEnumSymbol(s)
                        ? v
                        : fail(v + " is not a symbol of " + type.getEnumSymbols());
            default -> fail("applies to string, int, long, float, double, decimal, boolean and enum fields");
        };
    }

    /**
     * A number the field can hold: a Long for int and long fields, a Double for float and double
     * fields, a BigDecimal of the decimal's scale for decimal fields (given as a number or as text);
     * null after reporting.
     *
     * @param bound whether it is an excluded upper bound, which may be one step beyond the decimal's precision
     */
    private Number number(Object v, String what, boolean bound) {
        if (decimal != null) {
            return decimal(v, what, bound);
        }
        if (!(v instanceof Number n)) {
            return fail(what + " " + (v == null ? "is missing" : v + " is not a number"));
        }
        if (type.getType() == Schema.Type.DOUBLE) {
            return n.doubleValue();
        }
        if (type.getType() == Schema.Type.FLOAT && !(Math.abs(n.doubleValue()) <= Float.MAX_VALUE)) {
            return fail(what + " " + n + " is not a float");
        }
        if (type.getType() == Schema.Type.FLOAT) {
            return n.doubleValue();
        }
        boolean integral = n instanceof Integer || n instanceof Long;
        long l = n.longValue();
        if (!integral || (type.getType() == Schema.Type.INT && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE))) {
            return fail(what + " " + n + " is not a" + (type.getType() == Schema.Type.INT ? "n int" : " long"));
        }
        return l;
    }

    private BigDecimal decimal(Object v, String what, boolean bound) {
        BigDecimal d;
        try {
            d = v instanceof Number || v instanceof String ? new BigDecimal(v.toString()) : null;
        } catch (NumberFormatException e) {
            d = null;
        }
        int scale = decimal.getScale();
        int precision = decimal.getPrecision();
        String kind = " (decimal of precision " + precision + " and scale " + scale + ")";
        if (d == null) {
            return fail(what + " " + (v == null ? "is missing" : v + " is not a number") + kind);
        }
        if (d.stripTrailingZeros().scale() > scale) {
            return fail(what + " " + v + " has more than " + scale + " decimals" + kind);
        }
        d = d.setScale(scale);
        int cmp = d.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision));
        if (cmp > 0 || (cmp == 0 && !(bound && d.signum() > 0))) {
            return fail(what + " " + v + " has more than " + (precision - scale) + " digits before the point" + kind);
        }
        return d;
    }

    private static int compare(Number a, Number b) {
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b);
        }
        return a instanceof Long x ? Long.compare(x, (Long) b) : Double.compare(a.doubleValue(), b.doubleValue());
    }

    private boolean numeric() {
        Schema.Type t = type.getType();
        return t == Schema.Type.INT || t == Schema.Type.LONG || t == Schema.Type.FLOAT || t == Schema.Type.DOUBLE;
    }

    /** A string other than a uuid, whose text rules may shape. */
    private boolean text() {
        return type.getType() == Schema.Type.STRING && !isUuid();
    }

    private boolean isUuid() {
        return type.getLogicalType() instanceof LogicalTypes.Uuid;
    }

    /** Null (of whatever the caller returns) after reporting {@code message}. */
    private <T> T fail(String message) {
        report.add(message);
        return null;
    }
}

package io.loadfleet.worker.generate;

import io.loadfleet.api.schema.FieldRule;
import io.loadfleet.api.schema.RegexSubset;
import io.loadfleet.api.schema.TimeType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * Draws single values by their rule, unboxed, from an avro-schema generator's record stream: the
 * flat fields put them straight into the record, {@link GenericValues} boxes them into nested ones.
 * Defaults for a type without a rule: an 8-character string of letters and digits (a random
 * version-4 UUID for {@code uuid}), an int in [0, 1000), a long in [0, 1000000), a float or double
 * in [0, 1), a fair boolean, a uniform enum symbol, and for dates, times and timestamps the record's
 * event time (its UTC date or time of day for {@code date} and {@code time-*}).
 */
final class ScalarDraws {
    private static final FieldRule DEFAULT_STRING = new FieldRule.Length(8, 8);

    /** An int, long (any time type), boolean (0 or 1) or enum (the symbol's index) value. */
    interface LongDraw {
        long draw(long device, long eventTimeMillis);
    }

    /** A float or double value. */
    interface DoubleDraw {
        double draw(long device, long eventTimeMillis);
    }

    /** A string value, as UTF-8. */
    interface TextDraw {
        Utf8 draw(long device);
    }

    private final AvroSchemaGenerator generator;
    private final RecordRandom random;

    ScalarDraws(AvroSchemaGenerator generator) {
        this.generator = generator;
        this.random = generator.random;
    }

    /** Values of an int, long, boolean or enum {@code type} by {@code rule}. */
    LongDraw integral(Schema type, FieldRule rule) {
        if (rule instanceof FieldRule.Range r) {
            long min = r.min().longValue();
            long max = r.max().longValue();
            return (device, eventTime) -> random.nextLong(min, max);
        } else if (rule instanceof FieldRule.Iteration it) {
            long start = it.start().longValue();
            long step = it.step().longValue();
            return (device, eventTime) -> start + step * generator.sequence();
        } else if (rule instanceof FieldRule.Options o) {
            long[] values = o.values().stream()
                    .mapToLong(v -> switch (type.getType()) {
                        case BOOLEAN -> (Boolean) v ? 1 : 0;
                        case ENUM -> type.getEnumOrdinal((String) v);
                        default -> ((Number) v).longValue();
                    })
                    .toArray();
            WeightedIndex index = weights(o);
            return (device, eventTime) -> values[index.pick(random.nextDouble())];
        } else if (rule instanceof FieldRule.DeviceId) {
            return (device, eventTime) -> device;
        }
        TimeType time = TimeType.of(type);
        if (time != null) {
            return (device, eventTime) -> time.at(eventTime);
        }
        return switch (type.getType()) {
            case INT -> (device, eventTime) -> random.nextInt(1000);
            case LONG -> (device, eventTime) -> random.nextLong(1_000_000);
            case BOOLEAN -> (device, eventTime) -> random.nextInt(2);
            case ENUM -> {
                int symbols = type.getEnumSymbols().size();
                yield (device, eventTime) -> random.nextInt(symbols);
            }
            default -> throw new IllegalArgumentException(type + " is not an int, long, boolean or enum");
        };
    }

    /** Values of a float or double field by {@code rule}. */
    DoubleDraw floating(FieldRule rule) {
        if (rule instanceof FieldRule.Range r) {
            double min = r.min().doubleValue();
            double max = r.max().doubleValue();
            return (device, eventTime) -> random.nextDouble(min, max);
        } else if (rule instanceof FieldRule.Iteration it) {
            double start = it.start().doubleValue();
            double step = it.step().doubleValue();
            return (device, eventTime) -> start + step * generator.sequence();
        } else if (rule instanceof FieldRule.Options o) {
            double[] values = o.values().stream()
                    .mapToDouble(v -> ((Number) v).doubleValue())
                    .toArray();
            WeightedIndex index = weights(o);
            return (device, eventTime) -> values[index.pick(random.nextDouble())];
        }
        return (device, eventTime) -> random.nextDouble();
    }

    /** Values of a string {@code type} (a map's keys too) by {@code rule}. */
    TextDraw text(Schema type, FieldRule rule) {
        if (rule instanceof FieldRule.Options o) {
            Utf8[] values = o.values().stream().map(v -> new Utf8((String) v)).toArray(Utf8[]::new);
            WeightedIndex index = weights(o);
            return device -> values[index.pick(random.nextDouble())];
        } else if (rule instanceof FieldRule.Length l) {
            return pattern(
                    new RegexSubset.Repeat(new RegexSubset.Chars(RegexSubset.LETTERS_AND_DIGITS), l.min(), l.max()));
        } else if (rule instanceof FieldRule.Regex r) {
            return pattern(r.tree());
        } else if (rule instanceof FieldRule.DeviceId) {
            return generator::deviceId;
        } else if (type.getLogicalType() instanceof LogicalTypes.Uuid) {
            return device -> new Utf8(random.nextUuid());
        }
        return text(type, DEFAULT_STRING);
    }

    private TextDraw pattern(RegexSubset.Node tree) {
        RegexWriter writer = new RegexWriter(tree);
        return device -> writer.write(random);
    }

    static WeightedIndex weights(FieldRule.Options options) {
        return new WeightedIndex(
                options.weights().stream().mapToDouble(Double::doubleValue).toArray());
    }
}

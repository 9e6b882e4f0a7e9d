package io.loadfleet.worker.generate;

import io.loadfleet.api.schema.FieldRule;
import io.loadfleet.api.schema.FieldRules;
import io.loadfleet.api.schema.RegexSubset;
import io.loadfleet.api.schema.RuledSchema;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * Records of the user's own Avro schema, each field filled by its rule ({@link FieldRule}). Fields
 * without a rule get their type's default: an 8-character string of letters and digits, an int in
 * [0, 1000), a long in [0, 1000000), a double in [0, 1), a fair boolean, a uniform enum symbol, and
 * for {@code timestamp-millis} the record's event time.
 */
final class AvroSchemaGenerator extends SeededRecordGenerator {
    private static final FieldRule DEFAULT_STRING = new FieldRule.Length(8, 8);

    /** Fills one field of the record being generated. */
    private interface FieldFiller {
        void fill(GeneratedRecord record, long device, long eventTimeMillis);
    }

    private final FieldFiller[] fillers;

    private AvroSchemaGenerator(RuledSchema ruled, GeneratorSettings settings) {
        super(GeneratorType.AVRO_SCHEMA, ruled.schema(), settings, "dev-");
        fillers = ruled.fields().stream().map(this::filler).toArray(FieldFiller[]::new);
    }

    static RecordShape shape(RuledSchema ruled) {
        return RecordShape.of(ruled.schema(), settings -> new AvroSchemaGenerator(ruled, settings));
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        for (FieldFiller filler : fillers) {
            filler.fill(record, device, eventTimeMillis);
        }
    }

    private FieldFiller filler(FieldRules field) {
        FieldFiller value = value(field.pos(), field.valueType(), field.rule());
        if (field.nullOdds() == 0) {
            return value;
        }
        int pos = field.pos();
        double odds = field.nullOdds();
        return (record, device, eventTime) -> {
            if (random.nextDouble() < odds) {
                record.putNull(pos);
            } else {
                value.fill(record, device, eventTime);
            }
        };
    }

    private FieldFiller value(int pos, Schema type, FieldRule rule) {
        ValueKind kind = ValueKind.of(type);
        if (rule instanceof FieldRule.Range r) {
            return kind == ValueKind.DOUBLE
                    ? number(
                            pos,
                            () -> random.nextDouble(
                                    r.min().doubleValue(), r.max().doubleValue()))
                    : kind.integral(
                            pos,
                            () -> random.nextLong(r.min().longValue(), r.max().longValue()));
        } else if (rule instanceof FieldRule.Iteration it) {
            return kind == ValueKind.DOUBLE
                    ? number(pos, () -> it.start().doubleValue() + it.step().doubleValue() * sequence())
                    : kind.integral(
                            pos, () -> it.start().longValue() + it.step().longValue() * sequence());
        } else if (rule instanceof FieldRule.Options o) {
            return options(pos, type, o);
        } else if (rule instanceof FieldRule.Length l) {
            return text(
                    pos,
                    new RegexSubset.Repeat(new RegexSubset.Chars(RegexSubset.LETTERS_AND_DIGITS), l.min(), l.max()));
        } else if (rule instanceof FieldRule.Regex r) {
            return text(pos, r.tree());
        } else if (rule instanceof FieldRule.DeviceId) {
            return kind == ValueKind.STRING
                    ? (record, device, eventTime) -> record.put(pos, deviceId(device))
                    : kind == ValueKind.INT
                            ? (record, device, eventTime) -> record.put(pos, (int) device)
                            : (record, device, eventTime) -> record.put(pos, device);
        }
        return defaultValue(pos, type, kind);
    }

    private FieldFiller defaultValue(int pos, Schema type, ValueKind kind) {
        return switch (kind) {
            case STRING -> value(pos, type, DEFAULT_STRING);
            case INT -> kind.integral(pos, () -> random.nextInt(1000));
            case LONG -> kind.integral(pos, () -> random.nextLong(1_000_000));
            case TIMESTAMP -> (record, device, eventTime) -> record.put(pos, eventTime);
            case DOUBLE -> number(pos, random::nextDouble);
            case BOOLEAN -> (record, device, eventTime) -> record.put(pos, random.nextInt(2) == 1);
            case ENUM -> {
                int symbols = type.getEnumSymbols().size();
                yield (record, device, eventTime) -> record.putEnum(pos, random.nextInt(symbols));
            }
        };
    }

    private FieldFiller options(int pos, Schema type, FieldRule.Options options) {
        WeightedIndex index = new WeightedIndex(
                options.weights().stream().mapToDouble(Double::doubleValue).toArray());
        Object[] values = options.values().stream()
                .map(v -> switch (type.getType()) {
                    case STRING -> new Utf8((String) v);
                    case ENUM -> type.getEnumOrdinal((String) v);
                    default -> v;
                })
                .toArray();
        return (record, device, eventTime) -> {
            Object v = values[index.pick(random.nextDouble())];
            switch (type.getType()) {
                case STRING -> record.put(pos, (Utf8) v);
                case ENUM -> record.putEnum(pos, (Integer) v);
                case BOOLEAN -> record.put(pos, (boolean) (Boolean) v);
                case INT -> record.put(pos, ((Number) v).intValue());
                case LONG -> record.put(pos, ((Number) v).longValue());
                default -> record.put(pos, ((Number) v).doubleValue());
            }
        };
    }

    private static FieldFiller number(int pos, DoubleSupplier number) {
        return (record, device, eventTime) -> record.put(pos, number.getAsDouble());
    }

    private FieldFiller text(int pos, RegexSubset.Node pattern) {
        RegexWriter writer = new RegexWriter(pattern);
        return (record, device, eventTime) -> record.put(pos, writer.write(random));
    }

    /** A field's value type, and how a computed number is put into it. */
    private enum ValueKind {
        STRING,
        INT,
        LONG,
        TIMESTAMP,
        DOUBLE,
        BOOLEAN,
        ENUM;

        static ValueKind of(Schema type) {
            return switch (type.getType()) {
                case INT -> INT;
                case LONG -> RuledSchema.isTimestamp(type) ? TIMESTAMP : LONG;
                case DOUBLE -> DOUBLE;
                case BOOLEAN -> BOOLEAN;
                case ENUM -> ENUM;
                default -> STRING;
            };
        }

        /** Puts {@code number}'s value in this int or long field (an int keeps the low 32 bits). */
        FieldFiller integral(int pos, LongSupplier number) {
            return this == INT
                    ? (record, device, eventTime) -> record.put(pos, (int) number.getAsLong())
                    : (record, device, eventTime) -> record.put(pos, number.getAsLong());
        }
    }
}

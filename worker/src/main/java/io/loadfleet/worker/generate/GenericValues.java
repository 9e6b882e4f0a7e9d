package io.loadfleet.worker.generate;

import io.loadfleet.api.schema.FieldRule;
import io.loadfleet.api.schema.FieldRules;
import io.loadfleet.api.schema.ValueRules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * Makes the values of a user's schema that records hold as Avro's generic representation (see
 * {@link io.loadfleet.worker.records.FieldKind#GENERIC}), each part by its own rules, from the
 * generator's record stream: a GenericData.Record per record, a GenericData.Array of the length
 * rule's items (default 0 to 4), a LinkedHashMap of as many entries (keys 8 letters and digits by
 * default), one of a union's non-null branches uniformly, and for single values the {@link
 * ScalarDraws} boxed. Without a rule a {@code decimal} is uniform over [0, 10^(precision - scale))
 * in steps of its scale, {@code bytes} are 8 random bytes and a {@code fixed} its size in random
 * bytes (a {@code uuid} fixed a version-4 UUID).
 */
final class GenericValues {
    private static final int DEFAULT_BYTES = 8;
    private static final Schema KEY_TYPE = Schema.create(Schema.Type.STRING);
    /** The most decimal digits a long holds for certain: 10^18 < 2^63. */
    private static final int LONG_DIGITS = 18;

    private static final long[] POWERS_OF_TEN = new long[LONG_DIGITS + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i <= LONG_DIGITS; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** Makes one value for a record being generated. */
    interface ValueMaker {
        Object make(long device, long eventTimeMillis);
    }

    private final ScalarDraws draws;
    private final RecordRandom random;

    GenericValues(ScalarDraws draws, RecordRandom random) {
        this.draws = draws;
        this.random = random;
    }

    /** Values by {@code rules}: null in their null odds' share, else by the type's rule. */
    ValueMaker of(ValueRules rules) {
        ValueMaker value = nonNull(rules.valueType(), rules.rule());
        double odds = rules.nullOdds();
        return odds == 0
                ? value
                : (device, eventTime) -> random.nextDouble() < odds ? null : value.make(device, eventTime);
    }

    private ValueMaker nonNull(Schema type, FieldRule rule) {
        if (rule instanceof FieldRule.Fields fields) {
            return record(type, fields);
        } else if (rule instanceof FieldRule.Items items) {
            return array(type, items);
        } else if (rule instanceof FieldRule.Entries entries) {
            return map(entries);
        } else if (rule instanceof FieldRule.OneOf union) {
            ValueMaker[] branches = union.branches().stream().map(this::of).toArray(ValueMaker[]::new);
            return (device, eventTime) -> branches[random.nextInt(branches.length)].make(device, eventTime);
        }
        return switch (type.getType()) {
            case STRING -> {
                ScalarDraws.TextDraw text = draws.text(type, rule);
                yield (device, eventTime) -> text.draw(device);
            }
            case INT -> {
                ScalarDraws.LongDraw number = draws.integral(type, rule);
                yield (device, eventTime) -> (int) number.draw(device, eventTime);
            }
            case LONG -> {
                ScalarDraws.LongDraw number = draws.integral(type, rule);
                yield (device, eventTime) -> number.draw(device, eventTime);
            }
            case BOOLEAN -> {
                ScalarDraws.LongDraw bit = draws.integral(type, rule);
                yield (device, eventTime) -> bit.draw(device, eventTime) != 0;
            }
            case ENUM -> {
                ScalarDraws.LongDraw index = draws.integral(type, rule);
                GenericData.EnumSymbol[] symbols = type.getEnumSymbols().stream()
                        .map(s -> new GenericData.EnumSymbol(type, s))
                        .toArray(GenericData.EnumSymbol[]::new);
                yield (device, eventTime) -> symbols[(int) index.draw(device, eventTime)];
            }
            case FLOAT -> {
                ScalarDraws.DoubleDraw number = draws.floating(rule);
                yield (device, eventTime) -> (float) number.draw(device, eventTime);
            }
            case DOUBLE -> {
                ScalarDraws.DoubleDraw number = draws.floating(rule);
                yield (device, eventTime) -> number.draw(device, eventTime);
            }
            case BYTES, FIXED -> binary(type, rule);
            default -> (device, eventTime) -> null; // null, or a union of null alone
        };
    }

    private ValueMaker record(Schema type, FieldRule.Fields fields) {
        int[] positions = fields.fields().stream().mapToInt(FieldRules::pos).toArray();
        ValueMaker[] values = fields.fields().stream().map(f -> of(f.value())).toArray(ValueMaker[]::new);
        return (device, eventTime) -> {
            GenericData.Record record = new GenericData.Record(type);
            for (int i = 0; i < values.length; i++) {
                record.put(positions[i], values[i].make(device, eventTime));
            }
            return record;
        };
    }

    private ValueMaker array(Schema type, FieldRule.Items rule) {
        ValueMaker item = of(rule.items());
        int min = rule.min();
        int spread = rule.max() - rule.min() + 1;
        return (device, eventTime) -> {
            int length = min + random.nextInt(spread);
            GenericData.Array<Object> items = new GenericData.Array<>(length, type);
            for (int i = 0; i < length; i++) {
                items.add(item.make(device, eventTime));
            }
            return items;
        };
    }

    private ValueMaker map(FieldRule.Entries rule) {
        ScalarDraws.TextDraw key = draws.text(KEY_TYPE, rule.keys());
        ValueMaker value = of(rule.values());
        int min = rule.min();
        int spread = rule.max() - rule.min() + 1;
        return (device, eventTime) -> {
            int length = min + random.nextInt(spread);
            Map<Utf8, Object> entries = new LinkedHashMap<>(2 * length);
            for (int i = 0; i < length; i++) {
                entries.put(key.draw(device), value.make(device, eventTime));
            }
            return entries;
        };
    }

    /** A {@code bytes} value as a ByteBuffer, a fixed one as GenericData.Fixed: a decimal, a uuid or random bytes. */
    private ValueMaker binary(Schema type, FieldRule rule) {
        boolean fixed = type.getType() == Schema.Type.FIXED;
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            UnscaledDraw unscaled = unscaled(decimal, rule);
            return fixed
                    ? (device, eventTime) ->
                            new GenericData.Fixed(type, signExtended(unscaled.draw(), type.getFixedSize()))
                    : (device, eventTime) -> ByteBuffer.wrap(unscaled.draw().toByteArray());
        }
        if (fixed && type.getLogicalType() instanceof LogicalTypes.Uuid) {
            return (device, eventTime) -> new GenericData.Fixed(type, uuid());
        }
        if (fixed) {
            return (device, eventTime) -> new GenericData.Fixed(type, randomBytes(type.getFixedSize()));
        }
        int min = rule instanceof FieldRule.Length l ? l.min() : DEFAULT_BYTES;
        int spread = rule instanceof FieldRule.Length l ? l.max() - l.min() + 1 : 1;
        return (device, eventTime) -> ByteBuffer.wrap(randomBytes(min + random.nextInt(spread)));
    }

    /** A decimal's unscaled value. */
    private interface UnscaledDraw {
        BigInteger draw();
    }

    private UnscaledDraw unscaled(LogicalTypes.Decimal decimal, FieldRule rule) {
        if (rule instanceof FieldRule.Range r) {
            BigInteger min = ((BigDecimal) r.min()).unscaledValue();
            long width = ((BigDecimal) r.max()).unscaledValue().subtract(min).longValueExact();
            return () -> min.add(BigInteger.valueOf(random.nextLong(width)));
        } else if (rule instanceof FieldRule.Options o) {
            BigInteger[] values = o.values().stream()
                    .map(v -> ((BigDecimal) v).unscaledValue())
                    .toArray(BigInteger[]::new);
            WeightedIndex index = ScalarDraws.weights(o);
            return () -> values[index.pick(random.nextDouble())];
        }
        int precision = decimal.getPrecision();
        return () -> uniformDigits(precision);
    }

    /** Uniform in [0, 10^digits): up to 18 uniform digits a draw, which joined stay uniform. */
    private BigInteger uniformDigits(int digits) {
        if (digits <= LONG_DIGITS) {
            return BigInteger.valueOf(random.nextLong(POWERS_OF_TEN[digits]));
        }
        BigInteger value = BigInteger.ZERO;
        for (int left = digits; left > 0; left -= LONG_DIGITS) {
            int chunk = Math.min(left, LONG_DIGITS);
            value = value.multiply(BigInteger.valueOf(POWERS_OF_TEN[chunk]))
                    .add(BigInteger.valueOf(random.nextLong(POWERS_OF_TEN[chunk])));
        }
        return value;
    }

    /** The two's-complement big-endian bytes of {@code value} in {@code size} bytes, as a decimal fixed holds it. */
    private static byte[] signExtended(BigInteger value, int size) {
        byte[] minimal = value.toByteArray();
        byte[] bytes = new byte[size];
        byte sign = (byte) (value.signum() < 0 ? -1 : 0);
        int pad = size - minimal.length;
        for (int i = 0; i < pad; i++) {
            bytes[i] = sign;
        }
        System.arraycopy(minimal, 0, bytes, pad, minimal.length);
        return bytes;
    }

    private byte[] uuid() {
        UUID uuid = random.nextUuidValue();
        return ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += Long.BYTES) {
            long bits = random.nextLong();
            for (int j = i; j < Math.min(length, i + Long.BYTES); j++) {
                bytes[j] = (byte) bits;
                bits >>>= Byte.SIZE;
            }
        }
        return bytes;
    }
}

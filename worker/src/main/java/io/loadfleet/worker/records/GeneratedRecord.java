package io.loadfleet.worker.records;

import io.loadfleet.api.schema.FlatSchema;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * One generated record: its field values by schema position, the flat ones held unboxed. A shard
 * reuses one instance for all its records, so generating allocates no wrapper per number. (Filling
 * Avro's GenericData.Record boxed every double and was the top allocation site of an iot-sensor run.)
 * The {@code put} overloads let generators write {@code record.put(pos, value)} for any flat field
 * type, {@link #putGeneric} the value of a {@link FieldKind#GENERIC} field; assertions (on in tests)
 * check that the value's type is the field's.
 */
public final class GeneratedRecord {
    private final Schema schema;
    private final FieldKind[] kinds;
    /** int, long, timestamp and boolean (0/1) values, and doubles as raw bits. */
    private final long[] numbers;
    /** Strings as UTF-8, which both encoders write: a generator's constant or per-device text is encoded once. */
    private final Utf8[] strings;
    /** Which nullable fields are null in this record; every put of a value clears its flag. */
    private final boolean[] nulls;
    /** Each enum field's symbols as UTF-8, by index; null for other fields. */
    private final Utf8[][] symbols;
    /** The values of {@link FieldKind#GENERIC} fields, as Avro's generic representation holds them. */
    private final Object[] generic;

    public GeneratedRecord(Schema schema) {
        this.schema = schema;
        this.kinds = FieldKind.of(schema);
        this.numbers = new long[kinds.length];
        this.strings = new Utf8[kinds.length];
        this.nulls = new boolean[kinds.length];
        this.symbols = new Utf8[kinds.length][];
        this.generic = new Object[kinds.length];
        for (Schema.Field f : schema.getFields()) {
            if (kinds[f.pos()] == FieldKind.ENUM) {
                symbols[f.pos()] = FlatSchema.valueType(f.schema()).getEnumSymbols().stream()
                        .map(Utf8::new)
                        .toArray(Utf8[]::new);
            }
        }
    }

    public Schema schema() {
        return schema;
    }

    public FieldKind kind(int pos) {
        return kinds[pos];
    }

    public int size() {
        return kinds.length;
    }

    public void put(int pos, double value) {
        assert kinds[pos] == FieldKind.DOUBLE : field(pos) + " is not a double";
        numbers[pos] = Double.doubleToRawLongBits(value);
        nulls[pos] = false;
    }

    public void put(int pos, long value) {
        assert kinds[pos] == FieldKind.LONG || kinds[pos] == FieldKind.TIMESTAMP_MILLIS : field(pos) + " is not a long";
        numbers[pos] = value;
        nulls[pos] = false;
    }

    public void put(int pos, int value) {
        assert kinds[pos] == FieldKind.INT : field(pos) + " is not an int";
        numbers[pos] = value;
        nulls[pos] = false;
    }

    public void put(int pos, boolean value) {
        assert kinds[pos] == FieldKind.BOOLEAN : field(pos) + " is not a boolean";
        numbers[pos] = value ? 1 : 0;
        nulls[pos] = false;
    }

    public void put(int pos, String value) {
        put(pos, new Utf8(value));
    }

    /** Text kept by the caller (a constant, a device's id): held, not copied, so never to be modified. */
    public void put(int pos, Utf8 value) {
        assert kinds[pos] == FieldKind.STRING : field(pos) + " is not a string";
        strings[pos] = value;
        nulls[pos] = false;
    }

    /** Symbol number {@code index} of an enum field. */
    public void putEnum(int pos, int index) {
        assert kinds[pos] == FieldKind.ENUM : field(pos) + " is not an enum";
        numbers[pos] = index;
        strings[pos] = symbols[pos][index];
        nulls[pos] = false;
    }

    /**
     * The value of a {@link FieldKind#GENERIC} field, as Avro's generic representation holds it
     * (GenericData.Record, List, Map, ByteBuffer, GenericFixed, EnumSymbol, Utf8 or a boxed number),
     * or null in a union holding null; held, not copied.
     */
    public void putGeneric(int pos, Object value) {
        assert kinds[pos] == FieldKind.GENERIC : field(pos) + " is held unboxed";
        generic[pos] = value;
        nulls[pos] = value == null;
    }

    /** Null in a nullable field (a union holding {@code "null"}). */
    public void putNull(int pos) {
        assert FlatSchema.nullBranch(schema.getFields().get(pos).schema()) >= 0 : field(pos) + " is not nullable";
        generic[pos] = null;
        nulls[pos] = true;
    }

    public boolean isNull(int pos) {
        return nulls[pos];
    }

    public double getDouble(int pos) {
        return Double.longBitsToDouble(numbers[pos]);
    }

    /** An int, long or timestamp field. */
    public long getLong(int pos) {
        return numbers[pos];
    }

    public int getInt(int pos) {
        return (int) numbers[pos];
    }

    public boolean getBoolean(int pos) {
        return numbers[pos] != 0;
    }

    public String getString(int pos) {
        return strings[pos].toString();
    }

    /** An enum field's symbol number. */
    public int getEnumIndex(int pos) {
        return (int) numbers[pos];
    }

    /** A string field, or an enum field's symbol, as UTF-8: {@code getBytes()} up to {@code getByteLength()}. */
    public Utf8 getUtf8(int pos) {
        return strings[pos];
    }

    /** A {@link FieldKind#GENERIC} field's value (see {@link #putGeneric}). */
    public Object getGeneric(int pos) {
        return generic[pos];
    }

    /** The value at {@code pos} boxed as Avro's generic representation expects it. */
    public Object get(int pos) {
        if (nulls[pos]) {
            return null;
        }
        return switch (kinds[pos]) {
            case STRING -> getString(pos);
            case INT -> getInt(pos);
            case LONG, TIMESTAMP_MILLIS -> numbers[pos];
            case DOUBLE -> getDouble(pos);
            case BOOLEAN -> getBoolean(pos);
            case ENUM ->
                new GenericData.EnumSymbol(
                        FlatSchema.valueType(schema.getFields().get(pos).schema()), getString(pos));
            case GENERIC -> generic[pos];
        };
    }

    /** A copy as Avro's generic record, for code that wants one (tests, generic writers). */
    public GenericData.Record toGenericRecord() {
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < kinds.length; i++) {
            record.put(i, get(i));
        }
        return record;
    }

    private String field(int pos) {
        return schema.getName() + "." + schema.getFields().get(pos).name();
    }
}

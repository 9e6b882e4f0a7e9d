package io.loadfleet.worker.generate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * One generated record: its field values by schema position, held unboxed. A shard reuses one
 * instance for all its records, so generating allocates no wrapper per number. (Filling Avro's
 * GenericData.Record boxed every double and was the top allocation site of an iot-sensor run.)
 * The {@code put} overloads let generators write {@code record.put(pos, value)} for any field type;
 * assertions (on in tests) check that the value's type is the field's.
 */
public final class GeneratedRecord {
    private final Schema schema;
    private final FieldKind[] kinds;
    /** int, long, timestamp and boolean (0/1) values, and doubles as raw bits. */
    private final long[] numbers;
    /** Strings as UTF-8, which both encoders write: a generator's constant or per-device text is encoded once. */
    private final Utf8[] strings;

    public GeneratedRecord(Schema schema) {
        this.schema = schema;
        this.kinds = FieldKind.of(schema);
        this.numbers = new long[kinds.length];
        this.strings = new Utf8[kinds.length];
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
    }

    public void put(int pos, long value) {
        assert kinds[pos] == FieldKind.LONG || kinds[pos] == FieldKind.TIMESTAMP_MILLIS : field(pos) + " is not a long";
        numbers[pos] = value;
    }

    public void put(int pos, int value) {
        assert kinds[pos] == FieldKind.INT : field(pos) + " is not an int";
        numbers[pos] = value;
    }

    public void put(int pos, boolean value) {
        assert kinds[pos] == FieldKind.BOOLEAN : field(pos) + " is not a boolean";
        numbers[pos] = value ? 1 : 0;
    }

    public void put(int pos, String value) {
        put(pos, new Utf8(value));
    }

    /** Text kept by the caller (a constant, a device's id): held, not copied, so never to be modified. */
    public void put(int pos, Utf8 value) {
        assert kinds[pos] == FieldKind.STRING : field(pos) + " is not a string";
        strings[pos] = value;
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

    /** A string field as UTF-8: {@code getBytes()} up to {@code getByteLength()}. */
    public Utf8 getUtf8(int pos) {
        return strings[pos];
    }

    /** The value at {@code pos} boxed as Avro's generic representation expects it. */
    public Object get(int pos) {
        return switch (kinds[pos]) {
            case STRING -> getString(pos);
            case INT -> getInt(pos);
            case LONG, TIMESTAMP_MILLIS -> numbers[pos];
            case DOUBLE -> getDouble(pos);
            case BOOLEAN -> getBoolean(pos);
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

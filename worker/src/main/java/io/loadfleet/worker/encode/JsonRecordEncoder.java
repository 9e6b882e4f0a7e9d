package io.loadfleet.worker.encode;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import io.loadfleet.api.schema.FlatSchema;
import io.loadfleet.worker.records.FieldKind;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * A JSON object with the schema's field names, byte for byte what Jackson's generator writes
 * (with its fast double writer). {@code timestamp-millis} fields become ISO-8601 UTC strings, as
 * people reading JSON expect.
 *
 * <p>Flat fields are written straight into one reused array rather than through Jackson's
 * JsonGenerator: they need none of its context tracking, and each field's {@code ,"name":} is
 * prepared once, which makes a shard thread markedly faster (BENCHMARKS.md). Numbers and string
 * escaping still come from Jackson ({@link NumberOutput}, {@link JsonStringEncoder}). A {@link
 * FieldKind#GENERIC} field (records, arrays, maps, unions, logical types) is written by Jackson's
 * generator ({@link GenericJson}) into the same array.
 */
final class JsonRecordEncoder implements RecordEncoder {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** Room for any number: a long's 20 characters, a double's 24 (Jackson's widest), a short decimal's 15. */
    private static final int MAX_NUMBER_BYTES = 25;

    /** {@code {"first":} then {@code ,"next":} for each field. */
    private final byte[][] prefixes;
    /** Which fields may be null (a union holding {@code "null"}). */
    private final boolean[] nullable;
    /** Each field's type, for {@link #generic}. */
    private final Schema[] types;
    /** Writes generic fields at {@link #position}; null when the record has none. */
    private final GenericJson generic;

    private byte[] buffer = new byte[1024];
    private int position;
    private long timestampMillis;
    private byte[] timestamp;

    JsonRecordEncoder(Schema schema) {
        // Avro names are letters, digits and underscores: nothing to escape
        prefixes = schema.getFields().stream()
                .map(f -> ((f.pos() == 0 ? "{" : ",") + "\"" + f.name() + "\":").getBytes(StandardCharsets.US_ASCII))
                .toArray(byte[][]::new);
        nullable = new boolean[prefixes.length];
        schema.getFields().forEach(f -> nullable[f.pos()] = FlatSchema.nullBranch(f.schema()) >= 0);
        types = schema.getFields().stream().map(Schema.Field::schema).toArray(Schema[]::new);
        boolean flat = Arrays.stream(FieldKind.of(schema)).noneMatch(k -> k == FieldKind.GENERIC);
        generic = flat ? null : new GenericJson(new BufferOutput());
    }

    @Override
    public byte[] encode(GeneratedRecord record) {
        position = 0;
        for (int i = 0; i < prefixes.length; i++) {
            write(prefixes[i]);
            reserve(MAX_NUMBER_BYTES);
            if (nullable[i] && record.isNull(i)) {
                write(NULL);
                continue;
            }
            switch (record.kind(i)) {
                case STRING, ENUM -> writeString(record.getUtf8(i));
                case INT -> position = NumberOutput.outputInt(record.getInt(i), buffer, position);
                case LONG -> position = NumberOutput.outputLong(record.getLong(i), buffer, position);
                case DOUBLE -> writeDouble(record.getDouble(i));
                case BOOLEAN -> write(record.getBoolean(i) ? TRUE : FALSE);
                case TIMESTAMP_MILLIS -> writeTimestamp(record.getLong(i));
                case GENERIC -> writeGeneric(types[i], record.getGeneric(i));
            }
        }
        reserve(1);
        buffer[position++] = '}';
        return Arrays.copyOf(buffer, position);
    }

    private void writeGeneric(Schema type, Object value) {
        try {
            generic.write(type, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the output is an array: only a bug gets here
        }
    }

    private void writeDouble(double value) {
        int length = ShortDecimals.format(value, buffer, position);
        if (length >= 0) {
            position += length;
        } else if (Double.isFinite(value)) {
            write(NumberOutput.toString(value, true).getBytes(StandardCharsets.US_ASCII));
        } else {
            writeQuoted(Double.toString(value).getBytes(StandardCharsets.US_ASCII)); // as Jackson quotes NaN
        }
    }

    /** UTF-8 text needs escaping only for quotes, backslashes and control characters; most needs none. */
    private void writeString(Utf8 text) {
        byte[] bytes = text.getBytes();
        int length = text.getByteLength();
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                writeQuoted(JsonStringEncoder.getInstance().quoteAsUTF8(text.toString()));
                return;
            }
        }
        reserve(length + 2);
        buffer[position++] = '"';
        System.arraycopy(bytes, 0, buffer, position, length);
        position += length;
        buffer[position++] = '"';
    }

    /** Consecutive records mostly share their millisecond: its text is formatted once for all of them. */
    private void writeTimestamp(long epochMillis) {
        if (epochMillis != timestampMillis || timestamp == null) {
            timestampMillis = epochMillis;
            timestamp = Instant.ofEpochMilli(epochMillis).toString().getBytes(StandardCharsets.US_ASCII);
        }
        writeQuoted(timestamp);
    }

    private void writeQuoted(byte[] escaped) {
        reserve(escaped.length + 2);
        buffer[position++] = '"';
        write(escaped);
        buffer[position++] = '"';
    }

    private void write(byte[] bytes) {
        reserve(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void reserve(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, position + bytes));
        }
    }

    /** Appends what Jackson's generator writes for a generic field to the record's bytes. */
    private final class BufferOutput extends OutputStream {
        @Override
        public void write(int b) {
            reserve(1);
            buffer[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            reserve(len);
            System.arraycopy(b, off, buffer, position, len);
            position += len;
        }
    }
}

package io.loadfleet.worker.encode;

import io.loadfleet.api.schema.FlatSchema;
import io.loadfleet.worker.records.FieldKind;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary of the record alone (no container header), readable with the generator's schema,
 * after a fixed header when the values are framed for a schema registry (written once, not per record).
 * Fields go in schema order through Avro's own {@link BinaryData} encoders into one reused array:
 * for flat fields of primitives that is exactly what GenericDatumWriter writes, without its
 * per-field boxing and schema walk. Avro's BinaryEncoder over a ByteArrayOutputStream takes three
 * synchronized stream calls and two copies a record; this sizes the array once a record and copies
 * nothing (BENCHMARKS.md has the difference). A {@link FieldKind#GENERIC} field (records, arrays,
 * maps, unions, logical types) is written by Avro's own GenericDatumWriter, straight into the same array.
 */
final class AvroBinaryEncoder implements RecordEncoder {
    /** The most bytes an int or long (a varint), double or boolean takes, or a string's length prefix; plus a union's branch. */
    private static final int MAX_FIELD_BYTES = 11;

    private final FieldKind[] kinds;
    private final int[] stringPositions;
    /** Per flat field, the union branch of null and of the value ({@code ["null", T]} fields); -1 for plain fields. */
    private final int[] nullBranch;

    private final int[] valueBranch;
    /** What every value starts with: nothing, or a schema registry's frame; kept at the buffer's start. */
    private final byte[] header;

    /** Per generic field, Avro's writer of its type (union included); null for flat fields. */
    private final GenericDatumWriter<Object>[] writers;
    /** Where the writers put their bytes: at {@link GenericOutput#position} in {@link #buffer}. */
    private final GenericOutput generic = new GenericOutput();

    private final BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(generic, null);

    private byte[] buffer = new byte[512];
    /** The most bytes the record's flat fields take, as {@link #reserve} found: room kept beyond generic fields. */
    private int flatMost;

    @SuppressWarnings("unchecked")
    AvroBinaryEncoder(Schema schema, byte[] header) {
        this.header = header.clone();
        System.arraycopy(this.header, 0, buffer, 0, this.header.length);
        kinds = FieldKind.of(schema);
        stringPositions = IntStream.range(0, kinds.length)
                .filter(i -> kinds[i] == FieldKind.STRING)
                .toArray();
        writers = new GenericDatumWriter[kinds.length];
        nullBranch = new int[kinds.length];
        for (Schema.Field f : schema.getFields()) {
            boolean flat = kinds[f.pos()] != FieldKind.GENERIC;
            writers[f.pos()] = flat ? null : new GenericDatumWriter<>(f.schema());
            nullBranch[f.pos()] = flat ? FlatSchema.nullBranch(f.schema()) : -1; // the writer writes a union's branch
        }
        valueBranch = Arrays.stream(nullBranch).map(b -> b < 0 ? -1 : 1 - b).toArray();
    }

    @Override
    public byte[] encode(GeneratedRecord record) {
        byte[] out = reserve(record);
        int at = header.length;
        for (int i = 0; i < kinds.length; i++) {
            if (nullBranch[i] >= 0) {
                boolean isNull = record.isNull(i);
                at += BinaryData.encodeInt(isNull ? nullBranch[i] : valueBranch[i], out, at);
                if (isNull) {
                    continue;
                }
            }
            switch (kinds[i]) {
                case STRING -> {
                    Utf8 text = record.getUtf8(i);
                    int length = text.getByteLength();
                    at += BinaryData.encodeInt(length, out, at);
                    System.arraycopy(text.getBytes(), 0, out, at, length);
                    at += length;
                }
                case INT -> at += BinaryData.encodeInt(record.getInt(i), out, at);
                case ENUM -> at += BinaryData.encodeInt(record.getEnumIndex(i), out, at);
                case LONG, TIMESTAMP_MILLIS -> at += BinaryData.encodeLong(record.getLong(i), out, at);
                case DOUBLE -> at += BinaryData.encodeDouble(record.getDouble(i), out, at);
                case BOOLEAN -> at += BinaryData.encodeBoolean(record.getBoolean(i), out, at);
                case GENERIC -> {
                    at = writeGeneric(i, record.getGeneric(i), at);
                    out = buffer; // grown if the value needed room
                }
            }
        }
        return Arrays.copyOf(out, at);
    }

    /** Writes field {@code pos}'s value at {@code at} with Avro's own writer; returns where it ends. */
    private int writeGeneric(int pos, Object value, int at) {
        generic.position = at;
        try {
            writers[pos].write(value, avro);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the output is an array: only a bug gets here
        }
        return generic.position;
    }

    /** The buffer, grown if this record could need more than it holds: one check a record, not one a field. */
    private byte[] reserve(GeneratedRecord record) {
        int most = header.length + kinds.length * MAX_FIELD_BYTES;
        for (int pos : stringPositions) {
            Utf8 text = record.getUtf8(pos);
            most += text == null ? 0 : text.getByteLength(); // none yet: the field is null
        }
        if (most > buffer.length) {
            buffer = new byte[Math.max(2 * buffer.length, most)];
            System.arraycopy(header, 0, buffer, 0, header.length);
        }
        flatMost = most;
        return buffer;
    }

    /** Puts what Avro's writer writes into {@link #buffer}, growing it so the flat fields after still fit. */
    private final class GenericOutput extends OutputStream {
        int position;

        @Override
        public void write(int b) {
            ensure(1);
            buffer[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buffer, position, len);
            position += len;
        }

        private void ensure(int bytes) {
            int needed = position + bytes + flatMost;
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, needed));
            }
        }
    }
}

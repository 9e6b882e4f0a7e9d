package io.loadfleet.worker.encode;

import io.loadfleet.api.schema.FlatSchema;
import io.loadfleet.worker.records.FieldKind;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryData;
import org.apache.avro.util.Utf8;

/**
 * Avro binary of the record alone (no container header), readable with the generator's schema,
 * after a fixed header when the values are framed for a schema registry (written once, not per record).
 * Fields go in schema order through Avro's own {@link BinaryData} encoders into one reused array:
 * for flat records of primitives that is exactly what GenericDatumWriter writes, without its
 * per-field boxing and schema walk. Avro's BinaryEncoder over a ByteArrayOutputStream takes three
 * synchronized stream calls and two copies a record; this sizes the array once a record and copies
 * nothing (BENCHMARKS.md has the difference).
 */
final class AvroBinaryEncoder implements RecordEncoder {
    /** The most bytes an int or long (a varint), double or boolean takes, or a string's length prefix; plus a union's branch. */
    private static final int MAX_FIELD_BYTES = 11;

    private final FieldKind[] kinds;
    private final int[] stringPositions;
    /** Per field, the union branch of null and of the value ({@code ["null", T]} fields); -1 for plain fields. */
    private final int[] nullBranch;

    private final int[] valueBranch;
    /** What every value starts with: nothing, or a schema registry's frame; kept at the buffer's start. */
    private final byte[] header;

    private byte[] buffer = new byte[512];

    AvroBinaryEncoder(Schema schema, byte[] header) {
        this.header = header.clone();
        System.arraycopy(this.header, 0, buffer, 0, this.header.length);
        kinds = FieldKind.of(schema); // refuses schemas that are not flat
        stringPositions = IntStream.range(0, kinds.length)
                .filter(i -> kinds[i] == FieldKind.STRING)
                .toArray();
        nullBranch = schema.getFields().stream()
                .mapToInt(f -> FlatSchema.nullBranch(f.schema()))
                .toArray();
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
            }
        }
        return Arrays.copyOf(out, at);
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
        return buffer;
    }
}

package io.loadfleet.worker.encode;

import io.loadfleet.worker.generate.FieldKind;
import io.loadfleet.worker.generate.GeneratedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary of the record alone (no container header), readable with the generator's schema.
 * Fields go straight to Avro's BinaryEncoder in schema order: for flat records of primitives that
 * is exactly what GenericDatumWriter writes, without its per-field boxing and schema walk.
 */
final class AvroBinaryEncoder implements RecordEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);

    AvroBinaryEncoder(Schema schema) {
        FieldKind.of(schema); // refuses schemas that are not flat
    }

    @Override
    public byte[] encode(GeneratedRecord record) {
        out.reset();
        try {
            for (int i = 0; i < record.size(); i++) {
                switch (record.kind(i)) {
                    case STRING -> encoder.writeString(record.getString(i));
                    case INT -> encoder.writeInt(record.getInt(i));
                    case LONG, TIMESTAMP_MILLIS -> encoder.writeLong(record.getLong(i));
                    case DOUBLE -> encoder.writeDouble(record.getDouble(i));
                    case BOOLEAN -> encoder.writeBoolean(record.getBoolean(i));
                }
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package io.loadfleet.worker.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.loadfleet.worker.generate.FieldKind;
import io.loadfleet.worker.generate.GeneratedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.Schema;

/**
 * A flat JSON object with the schema's field names, written by Jackson's streaming generator.
 * {@code timestamp-millis} fields become ISO-8601 UTC strings, as people reading JSON expect.
 * One generator is kept for all records (no separator between root values) instead of one per
 * record, and doubles use Jackson's fast writer.
 */
final class JsonRecordEncoder implements RecordEncoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build()
            .setRootValueSeparator(null);

    private final SerializableString[] names;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final JsonGenerator json;
    private final ShortDecimals decimals = new ShortDecimals();

    JsonRecordEncoder(Schema schema) {
        FieldKind.of(schema); // refuses schemas that are not flat
        names = schema.getFields().stream().map(f -> new SerializedString(f.name())).toArray(SerializableString[]::new);
        try {
            json = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeDouble(double value) throws IOException {
        int length = decimals.format(value);
        if (length < 0) {
            json.writeNumber(value);
        } else {
            json.writeNumber(decimals.buffer(), 0, length);
        }
    }

    @Override
    public byte[] encode(GeneratedRecord record) {
        try {
            json.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                json.writeFieldName(names[i]);
                switch (record.kind(i)) {
                    case STRING -> json.writeString(record.getString(i));
                    case INT -> json.writeNumber(record.getInt(i));
                    case LONG -> json.writeNumber(record.getLong(i));
                    case DOUBLE -> writeDouble(record.getDouble(i));
                    case BOOLEAN -> json.writeBoolean(record.getBoolean(i));
                    case TIMESTAMP_MILLIS -> json.writeString(Instant.ofEpochMilli(record.getLong(i)).toString());
                }
            }
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }
}

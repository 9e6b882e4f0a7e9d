package io.loadfleet.worker.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A flat JSON object with the schema's field names, written by Jackson's streaming generator.
 * {@code timestamp-millis} fields become ISO-8601 UTC strings, as people reading JSON expect.
 */
final class JsonRecordEncoder implements RecordEncoder {
    private static final JsonFactory FACTORY = new JsonFactory();

    private enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, TIMESTAMP }

    private final String[] names;
    private final Kind[] kinds;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);

    JsonRecordEncoder(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        names = new String[fields.size()];
        kinds = new Kind[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            names[i] = fields.get(i).name();
            kinds[i] = kindOf(fields.get(i));
        }
    }

    private static Kind kindOf(Schema.Field field) {
        Schema s = field.schema();
        return switch (s.getType()) {
            case STRING -> Kind.STRING;
            case INT -> Kind.INT;
            case LONG -> s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Kind.TIMESTAMP : Kind.LONG;
            case DOUBLE, FLOAT -> Kind.DOUBLE;
            case BOOLEAN -> Kind.BOOLEAN;
            default -> throw new IllegalArgumentException("field " + field.name() + ": JSON encoding supports "
                    + "string, int, long, double and boolean fields, not " + s.getType());
        };
    }

    @Override
    public byte[] encode(GenericRecord record) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                g.writeFieldName(names[i]);
                Object v = record.get(i);
                switch (kinds[i]) {
                    case STRING -> g.writeString(v.toString());
                    case INT -> g.writeNumber((Integer) v);
                    case LONG -> g.writeNumber((Long) v);
                    case DOUBLE -> g.writeNumber(((Number) v).doubleValue());
                    case BOOLEAN -> g.writeBoolean((Boolean) v);
                    case TIMESTAMP -> g.writeString(Instant.ofEpochMilli((Long) v).toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}

package io.loadfleet.worker.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.loadfleet.worker.records.ScalarValues;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Writes a value of any Avro type, as Avro's generic representation holds it, as the JSON loadfleet
 * sends, through Jackson's generator: records and maps as objects, arrays as arrays, a union as its
 * branch's value alone (no Avro {@code {"type": value}} wrapper), and single values as {@link
 * ScalarValues} shows them (ISO-8601 text for dates, times and timestamps, a plain number with the
 * scale's decimals for a decimal, base64 for bytes). Doubles are written as the flat encoder writes
 * them (Jackson's fast writer). One per encoder: not thread-safe.
 */
final class GenericJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final JsonGenerator json;

    GenericJson(OutputStream out) {
        try {
            json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // creating a generator writes nothing
        }
        json.setRootValueSeparator(null); // the values are fields of the encoder's object, one after another
    }

    /** Writes {@code value} of {@code type} and hands its bytes to the stream. */
    void write(Schema type, Object value) throws IOException {
        value(type, value);
        json.flush();
    }

    private void value(Schema type, Object value) throws IOException {
        switch (type.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                json.writeStartObject();
                for (Schema.Field f : type.getFields()) {
                    json.writeFieldName(f.name());
                    value(f.schema(), record.get(f.pos()));
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (List<?>) value) {
                    value(type.getElementType(), item);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    value(type.getValueType(), entry.getValue());
                }
                json.writeEndObject();
            }
            case UNION -> value(ScalarValues.branch(type, value), value);
            default -> {
                if (value instanceof Utf8 text) {
                    json.writeUTF8String(text.getBytes(), 0, text.getByteLength());
                } else {
                    single(ScalarValues.readable(type, value));
                }
            }
        }
    }

    private void single(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else {
            json.writeNumber((BigDecimal) value);
        }
    }
}

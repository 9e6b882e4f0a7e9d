package io.loadfleet.worker.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** What {@link LiveAudit} checks every value against; a value that fails counts as undecodable. */
public final class ValueChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueChecks() {}

    /** No format to check: every value passes. */
    public static Predicate<byte[]> any() {
        return value -> true;
    }

    /**
     * What {@code sink} sends: registry-framed Avro (sink.kafka.schemaRegistry, decoded with the writer schema
     * each value's id names), else bare Avro of {@code schema} or a JSON object, as {@code format} says.
     *
     * @param schema the generator's, for format avro without a registry; else unused
     */
    public static Predicate<byte[]> forSink(SinkTarget sink, Format format, Schema schema) {
        SchemaRegistrySpec registry = sink.isKafka() ? sink.spec().getKafka().getSchemaRegistry() : null;
        if (registry != null) {
            return FramedAvroValues.from(SchemaRegistryClient.of(registry, sink.secrets(), sink.connectTimeout()));
        }
        return format == Format.AVRO ? avro(schema) : jsonObject();
    }

    /** A JSON object, as format json sends it. */
    public static Predicate<byte[]> jsonObject() {
        return value -> {
            try {
                return JSON.readTree(value).isObject();
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** Exactly one bare Avro datum of {@code schema}, as format avro sends it without a registry. */
    public static Predicate<byte[]> avro(Schema schema) {
        GenericDatumReader<Object> reader = new GenericDatumReader<>(schema);
        return value -> decodesFully(reader, value, 0);
    }

    /** Whether the bytes of {@code value} from {@code offset} on are one datum of the reader's schema, none left over. */
    static boolean decodesFully(GenericDatumReader<Object> reader, byte[] value, int offset) {
        try {
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, null);
            reader.read(null, in);
            return in.isEnd();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

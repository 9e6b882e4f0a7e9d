package io.loadfleet.worker.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
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

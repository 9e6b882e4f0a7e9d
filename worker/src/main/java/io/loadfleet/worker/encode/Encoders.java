package io.loadfleet.worker.encode;

import io.loadfleet.api.spec.Format;
import org.apache.avro.Schema;

/** Picks the encoder for a format. */
public final class Encoders {
    private static final byte[] NO_VALUE = {};

    /** For a sink that writes the record's fields in a format of its own: every value is empty. */
    public static final RecordEncoder NONE = record -> NO_VALUE;

    private Encoders() {}

    /** Avro binary after {@code header} (a schema registry's frame): the header costs a copy of its bytes once. */
    public static RecordEncoder avroAfter(byte[] header, Schema schema) {
        return new AvroBinaryEncoder(schema, header);
    }

    public static RecordEncoder create(Format format, Schema schema) {
        return switch (format) {
            case AVRO -> new AvroBinaryEncoder(schema, NO_VALUE);
            case JSON -> new JsonRecordEncoder(schema);
        };
    }
}

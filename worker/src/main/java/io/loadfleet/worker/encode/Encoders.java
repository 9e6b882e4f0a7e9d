package io.loadfleet.worker.encode;

import io.loadfleet.api.spec.Format;
import org.apache.avro.Schema;

/** Picks the encoder for a format. */
public final class Encoders {

    private Encoders() {
    }

    public static RecordEncoder create(Format format, Schema schema) {
        return switch (format) {
            case AVRO -> new AvroBinaryEncoder(schema);
            case JSON -> new JsonRecordEncoder(schema);
        };
    }
}

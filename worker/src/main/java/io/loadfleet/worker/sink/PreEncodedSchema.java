package io.loadfleet.worker.sink;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;

/**
 * Registers a record schema on the topic while sending bytes our encoders already made.
 * Pulsar's AUTO_PRODUCE_BYTES would decode every message again to validate it, and its
 * NATIVE_AVRO wants the client's relocated Avro classes; this passes bytes through as they are.
 * For JSON, Pulsar describes the record shape with an Avro schema too.
 */
final class PreEncodedSchema implements Schema<byte[]> {
    private final SchemaInfo info;

    private PreEncodedSchema(SchemaInfo info) {
        this.info = info;
    }

    static PreEncodedSchema of(SchemaType type, org.apache.avro.Schema recordSchema) {
        return new PreEncodedSchema(SchemaInfo.builder()
                .name(recordSchema.getName())
                .type(type)
                .schema(recordSchema.toString().getBytes(StandardCharsets.UTF_8))
                .properties(Map.of())
                .build());
    }

    @Override
    public byte[] encode(byte[] message) {
        return message;
    }

    @Override
    public byte[] decode(byte[] bytes, byte[] schemaVersion) {
        return bytes;
    }

    @Override
    public SchemaInfo getSchemaInfo() {
        return info;
    }

    @Override
    public Schema<byte[]> clone() {
        return this;
    }
}

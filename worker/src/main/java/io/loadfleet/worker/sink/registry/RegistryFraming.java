package io.loadfleet.worker.sink.registry;

/**
 * The Confluent wire format of a registry-framed value: magic byte 0, the schema id as a 4-byte
 * big-endian int, then the Avro binary datum. Every registry-aware deserializer (Confluent's,
 * Apicurio's in Confluent mode, Flink's avro-confluent, Kafka Connect's AvroConverter) reads it.
 */
public final class RegistryFraming {
    public static final byte MAGIC = 0;
    public static final int HEADER_BYTES = 5;

    private RegistryFraming() {}

    /** The 5 bytes every value of the schema {@code id} starts with. */
    public static byte[] header(int id) {
        return new byte[] {MAGIC, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** Whether {@code value} can be a framed value: the magic byte and room for the id. */
    public static boolean isFramed(byte[] value) {
        return value != null && value.length >= HEADER_BYTES && value[0] == MAGIC;
    }

    /** The schema id of a framed value. */
    public static int schemaId(byte[] value) {
        return ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
    }
}

package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.registry.RegistryFraming;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import io.loadfleet.worker.sink.registry.SchemaRegistryException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;

/**
 * Checks values in the Confluent wire format ({@link RegistryFraming}): a value passes when it is
 * framed, its schema id is one the registry has, and the rest is exactly one Avro datum of that
 * writer schema. For one reading thread: each id is looked up once, known or not.
 */
public final class FramedAvroValues implements Predicate<byte[]> {
    private final IntFunction<Schema> schemas;
    private final Map<Integer, Optional<GenericDatumReader<Object>>> readers = new HashMap<>();

    /**
     * @param schemas the writer schema of a schema id, or null for an id the registry does not have;
     *     anything it throws (a registry that cannot be asked) ends the check instead of counting a value
     */
    public FramedAvroValues(IntFunction<Schema> schemas) {
        this.schemas = schemas;
    }

    /** Ids looked up in {@code registry}: one it answers 404 for is unknown; any other failure is thrown. */
    public static FramedAvroValues from(SchemaRegistryClient registry) {
        return new FramedAvroValues(id -> {
            try {
                return registry.schema(id);
            } catch (SchemaRegistryException e) {
                if (e.status() == 404) {
                    return null;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean test(byte[] value) {
        if (!RegistryFraming.isFramed(value)) {
            return false;
        }
        Optional<GenericDatumReader<Object>> reader = readers.computeIfAbsent(
                RegistryFraming.schemaId(value),
                id -> Optional.ofNullable(schemas.apply(id)).map(schema -> new GenericDatumReader<Object>(schema)));
        return reader.isPresent() && ValueChecks.decodesFully(reader.get(), value, RegistryFraming.HEADER_BYTES);
    }
}

package io.loadfleet.worker.generate;

import org.apache.avro.Schema;

/**
 * A profile's record shape, resolved once per process (a dataset is loaded, a user's schema
 * checked, only here): its schema, and a generator for each shard or epoch that asks for one.
 */
public interface RecordShape {

    Schema schema();

    /** A new generator for one shard; not thread-safe, like the shard that owns it. */
    RecordGenerator create(GeneratorSettings settings);
}

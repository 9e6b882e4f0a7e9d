package io.loadfleet.worker.generate;

import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * A profile's record shape, resolved once per process (a dataset is loaded, a user's schema
 * checked, only here): its schema, and a generator for each shard or epoch that asks for one.
 */
public interface RecordShape {

    Schema schema();

    /** A new generator for one shard; not thread-safe, like the shard that owns it. */
    RecordGenerator create(GeneratorSettings settings);

    /** The shape of records of {@code schema}, whose generators {@code create} makes. */
    static RecordShape of(Schema schema, Function<GeneratorSettings, RecordGenerator> create) {
        return new RecordShape() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public RecordGenerator create(GeneratorSettings settings) {
                return create.apply(settings);
            }
        };
    }
}

package io.loadfleet.worker.control;

import io.loadfleet.api.control.SchemaPreflight;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import io.loadfleet.worker.sink.registry.SchemaRegistryException;
import java.time.Duration;

/**
 * Registers the schema of a configuration before the operator rolls it out, with this pod's
 * registry credentials: a schema the registry refuses is then refused here, while every pod still
 * runs the old one, instead of in a restarted pod that can no longer send.
 */
final class SchemaPreflightCheck {
    /** Short: the operator waits for the answer in its reconcile pass. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final SecretFiles secrets;
    private final GeneratorInputs inputs;

    SchemaPreflightCheck(SecretFiles secrets, GeneratorInputs inputs) {
        this.secrets = secrets;
        this.inputs = inputs;
    }

    /**
     * @throws IllegalArgumentException when the configuration has no registry or its generator cannot
     *                                  give a schema here (the pods will report why once they run it)
     */
    SchemaPreflight register(WorkerConfig proposed) {
        SchemaRegistrySpec registry = proposed.sink() == null || proposed.sink().getKafka() == null
                ? null
                : proposed.sink().getKafka().getSchemaRegistry();
        if (registry == null) {
            throw new IllegalArgumentException("the configuration has no sink.kafka.schemaRegistry");
        }
        try {
            var schema = Generators.schema(proposed.generator(), inputs);
            int id = SchemaRegistryClient.of(registry, secrets, CONNECT_TIMEOUT)
                    .valueSchemaId(proposed.sink().getKafka().getTopic(), schema);
            return SchemaPreflight.registered(id);
        } catch (SchemaRegistryException e) {
            return e.schemaRefused()
                    ? SchemaPreflight.refusedBecause(e.getMessage())
                    : SchemaPreflight.failedBecause(e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

package io.loadfleet.worker.sink.registry;

import io.loadfleet.worker.sink.SinkException;

/**
 * The registry did not answer, refused the credentials, refused the schema (incompatible under the
 * subject's compatibility mode) or does not have it: the message names the registry and quotes its
 * own words; it never holds a credential.
 */
public class SchemaRegistryException extends SinkException {
    private final boolean schemaRefused;

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** @param schemaRefused the registry answered and refused the schema itself (incompatible or invalid) */
    public SchemaRegistryException(String message, Throwable cause, boolean schemaRefused) {
        super(message, cause);
        this.schemaRefused = schemaRefused;
    }

    /** Whether the registry refused the schema, which no retry changes, rather than failing to answer or to authenticate. */
    public boolean schemaRefused() {
        return schemaRefused;
    }
}

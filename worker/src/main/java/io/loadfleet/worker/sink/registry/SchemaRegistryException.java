package io.loadfleet.worker.sink.registry;

import io.loadfleet.worker.sink.SinkException;

/**
 * The registry did not answer, refused the credentials, refused the schema (incompatible under the
 * subject's compatibility mode) or does not have it: the message names the registry and quotes its
 * own words; it never holds a credential.
 */
public class SchemaRegistryException extends SinkException {
    private final int status;

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The registry answered with HTTP {@code status}, not 2xx. */
    public SchemaRegistryException(String message, int status) {
        super(message, null);
        this.status = status;
    }

    /** The registry's HTTP status; 0 when it did not answer, or answered something that is no schema. */
    public int status() {
        return status;
    }

    /** Whether the registry refused the schema itself (incompatible or invalid), which no retry changes. */
    public boolean schemaRefused() {
        return status == 409 || status == 422;
    }
}

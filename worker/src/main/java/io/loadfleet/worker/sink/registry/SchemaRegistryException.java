package io.loadfleet.worker.sink.registry;

import io.loadfleet.worker.sink.SinkException;

/**
 * The registry did not answer, refused the credentials, refused the schema (incompatible under the
 * subject's compatibility mode) or does not have it: the message names the registry and quotes its
 * own words; it never holds a credential.
 */
public class SchemaRegistryException extends SinkException {
    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.loadfleet.worker.generate.input;

/**
 * A generator's input cannot be used: a dataset that cannot be fetched or has bad rows, a schema
 * with bad rules. The message names the spec field and the fix. A pod keeps trying (the file may be
 * fixed, the store may come back); a local run stops with exit code 2.
 */
public class GeneratorInputException extends RuntimeException {
    public GeneratorInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.loadfleet.worker.secret;

/**
 * A Secret key this process needs has no readable file: bad input that no retry helps. The message
 * names the spec field, the Secret and where the file was looked for.
 */
public class UnreadableSecretException extends RuntimeException {

    public UnreadableSecretException(String message) {
        super(message);
    }
}

package io.loadfleet.worker.sink;

/** A sink could not be set up (unreachable broker, topic that cannot be created). */
public class SinkException extends RuntimeException {

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}

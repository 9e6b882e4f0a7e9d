package io.loadfleet.worker.sink;

/** A sink setting the client refuses (e.g. an unknown pass-through property): bad input, not a broker fault. */
public class InvalidSinkSettingException extends SinkException {

    public InvalidSinkSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}

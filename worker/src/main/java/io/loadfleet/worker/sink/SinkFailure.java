package io.loadfleet.worker.sink;

/** One of several sinks did not take a record: the message names that sink, so the run's last error says which. */
public final class SinkFailure extends RuntimeException {

    SinkFailure(String sinkType, Exception cause) {
        super("sink." + sinkType + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}

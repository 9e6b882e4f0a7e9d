package io.loadfleet.worker.sink;

/** Hears how each send ended; called once per record, from the sink's I/O thread. */
public interface SendListener {

    /** The broker acknowledged the record that was due at {@code intendedNanos}. */
    void acked(long intendedNanos);

    /** The record that was due at {@code intendedNanos} was not delivered. */
    void failed(long intendedNanos, Exception error);
}

package io.loadfleet.worker.sink;

/** Hears how each send ended; called once per record, from the sink's I/O thread. */
public interface SendListener {

    /** The broker acknowledged the record numbered {@code sequence}, which was due at {@code intendedNanos}. */
    void acked(long intendedNanos, long sequence);

    /** The record numbered {@code sequence}, which was due at {@code intendedNanos}, was not delivered. */
    void failed(long intendedNanos, long sequence, Exception error);
}

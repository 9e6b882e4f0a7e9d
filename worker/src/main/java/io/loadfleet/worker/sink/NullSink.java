package io.loadfleet.worker.sink;

/** Acknowledges at once and keeps nothing: measures generation and encoding alone. */
public final class NullSink implements RecordSink {

    @Override
    public void send(OutgoingRecord record, SendListener listener) {
        listener.acked(record.intendedNanos, record.sequence);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}

package io.loadfleet.worker.sink;

/**
 * Where records go. Thread-safe: every shard of a process shares one sink (and so one client,
 * whose batching then works across shards).
 */
public interface RecordSink extends AutoCloseable {

    /** Sends asynchronously; {@code listener} hears the outcome exactly once. May block on backpressure. */
    void send(OutgoingRecord record, SendListener listener);

    /** Waits until every record sent so far has been acknowledged or has failed. */
    void flush();

    /** Flushes and releases the client. */
    @Override
    void close();
}

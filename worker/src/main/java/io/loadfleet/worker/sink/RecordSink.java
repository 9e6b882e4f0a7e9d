package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.Schema;

/**
 * Where records go. Thread-safe: every shard of a process shares one sink (and so one client,
 * whose batching then works across shards).
 */
public interface RecordSink extends AutoCloseable {
    /** How long opening a sink waits for its broker to answer, unless told otherwise. */
    Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The encoder that makes {@link OutgoingRecord#value} for this sink, one per shard thread: the
     * profile's format, unless the sink writes the record's fields in a format of its own.
     */
    default RecordEncoder encoder(Format format, Schema schema) {
        return Encoders.create(format, schema);
    }

    /**
     * Whether this sink's values are the profile format's plain encoding, {@link #encoder}'s default, which
     * several sinks can share; false for a sink that encodes otherwise (registry framing, a file's own format).
     */
    default boolean sendsPlainValues(Format format) {
        return true;
    }

    /** Sends asynchronously; {@code listener} hears the outcome exactly once. May block on backpressure. */
    void send(OutgoingRecord record, SendListener listener);

    /**
     * For a sink that acks records a while after it has written them (a file sink: at its next
     * flush, or when a Parquet file ends), the records written so far, cumulative; empty for a sink
     * whose records count once acked (a broker's). One counter, so its rate is exact at any moment.
     */
    default OptionalLong written() {
        return OptionalLong.empty();
    }

    /** The sinks this one delivers to, each with its own counts, when it is several ({@link FanOutSink}); else none. */
    default List<SinkLeg> legs() {
        return List.of();
    }

    /** Waits until every record sent so far has been acknowledged or has failed. */
    void flush();

    /** Flushes and releases the client. */
    @Override
    void close();
}

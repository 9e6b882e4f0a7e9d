package io.loadfleet.worker.sink;

import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.SinkCounters;
import io.loadfleet.worker.latency.LatencyRecorder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * One of the sinks a {@link FanOutSink} delivers every record to, with its own counts and publish latency: what
 * summaries, the pod's status and its metrics show per sink. Counted without locks from the shard threads (sent)
 * and the sink's I/O threads (acked, failed).
 */
public final class SinkLeg {
    private final String type;
    private final RecordSink sink;
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Intended send time to this sink's ack, in microseconds. */
    private final LatencyRecorder latency = new LatencyRecorder();
    /** What {@link #latency} recorded so far: read under this object's lock. */
    private final Histogram latencyTotal = new Histogram(3);

    private volatile String lastError;
    private volatile LongConsumer latencyObserver = nanos -> {};

    /** @param type the sink's member of spec.sink, e.g. {@code kafka} */
    public SinkLeg(String type, RecordSink sink) {
        this.type = type;
        this.sink = sink;
    }

    public String type() {
        return type;
    }

    public RecordSink sink() {
        return sink;
    }

    /** Hears each publish latency of this sink, in nanoseconds, as it is recorded: how a pod's metrics get them. */
    public void observeLatency(LongConsumer observer) {
        latencyObserver = observer;
    }

    void sent() {
        sent.increment();
    }

    void acked(long latencyNanos) {
        acked.increment();
        latency.recordValue(TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        latencyObserver.accept(latencyNanos);
    }

    void failed(Exception error) {
        failed.increment();
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** The records this sink has written: those it acked, or its own count when it writes before it acks (files). */
    long writtenCount() {
        return sink.written().orElse(acked.sum());
    }

    /** This sink's publish latencies so far, in microseconds: a copy. */
    public synchronized Histogram latency() {
        latencyTotal.add(latency.takeInterval());
        return latencyTotal.copy();
    }

    /** Cumulative counts and latency, as the pod's status carries them. */
    public SinkCounters counters() {
        Histogram total = latency();
        long ackedSoFar = acked.sum();
        return new SinkCounters(
                type,
                new Counters(sent.sum(), ackedSoFar, sink.written().orElse(ackedSoFar), failed.sum(), lastError),
                total.getTotalCount() == 0 ? null : HistogramCodec.encode(total));
    }

    /** Hears this sink's outcome of one record and passes it to the record's {@link RecordJoin}. */
    SendListener listener(RecordJoin join, LongSupplier nanoClock) {
        return new SendListener() {
            @Override
            public void acked(long intendedNanos, long sequence) {
                SinkLeg.this.acked(Math.max(0, nanoClock.getAsLong() - intendedNanos));
                join.acked();
            }

            @Override
            public void failed(long intendedNanos, long sequence, Exception error) {
                SinkLeg.this.failed(error);
                join.failed(new SinkFailure(type, error));
            }
        };
    }
}

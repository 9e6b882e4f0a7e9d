package io.loadfleet.worker.fleet;

import io.loadfleet.worker.sink.SendListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders of one shard. Written by the shard thread (sent, schedule
 * delay) and the sink's I/O thread (acked, failed, publish latency) without locks.
 */
public final class ShardStats implements SendListener {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final LongAdder sent = new LongAdder();
    private final LongAdder valueBytes = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Intended send time to ack, in microseconds: no coordinated omission. */
    private final Recorder publishLatency = new Recorder(SIGNIFICANT_DIGITS);
    /** Actual minus intended send time, in microseconds. */
    private final Recorder scheduleDelay = new Recorder(SIGNIFICANT_DIGITS);
    private final java.util.function.LongSupplier nanoClock;
    private final LatencyObserver observer;
    private volatile String lastError;

    public ShardStats(java.util.function.LongSupplier nanoClock) {
        this(nanoClock, LatencyObserver.NONE);
    }

    public ShardStats(java.util.function.LongSupplier nanoClock, LatencyObserver observer) {
        this.nanoClock = nanoClock;
        this.observer = observer;
    }

    void sent(int bytes) {
        sent.increment();
        valueBytes.add(bytes);
    }

    void scheduleDelay(long nanos) {
        long late = Math.max(0, nanos);
        scheduleDelay.recordValue(TimeUnit.NANOSECONDS.toMicros(late));
        observer.scheduleDelay(late);
    }

    @Override
    public void acked(long intendedNanos) {
        acked.increment();
        long latency = Math.max(0, nanoClock.getAsLong() - intendedNanos);
        publishLatency.recordValue(TimeUnit.NANOSECONDS.toMicros(latency));
        observer.publishLatency(latency);
    }

    @Override
    public void failed(long intendedNanos, Exception error) {
        failed.increment();
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long valueBytes() {
        return valueBytes.sum();
    }

    public long ackedCount() {
        return acked.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public String lastError() {
        return lastError;
    }

    /** Publish latencies (µs) since the previous call; the caller keeps the running total. */
    public Histogram takePublishLatency() {
        return publishLatency.getIntervalHistogram();
    }

    /** Schedule delays (µs) since the previous call; the caller keeps the running total. */
    public Histogram takeScheduleDelay() {
        return scheduleDelay.getIntervalHistogram();
    }
}

package io.loadfleet.worker.engine;

import io.loadfleet.api.control.Counters;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.worker.latency.LatencyRecorder;
import io.loadfleet.worker.sink.SendListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Counters and latency recorders of one shard. Written by the shard thread (sent, schedule
 * delay) and the sink's I/O thread (acked, failed, publish latency) without locks. As a listener
 * it counts outcomes only; a run's sequences are its {@link AckedWatermark}'s business.
 */
public final class ShardStats implements SendListener {
    private final LongAdder sent = new LongAdder();
    private final LongAdder valueBytes = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Records spec.faults injected, counted as they are handed to the sink; a run without faults never counts. */
    private final LongAdder injectedDuplicates = new LongAdder();

    private final LongAdder injectedOutOfOrder = new LongAdder();
    private final LongAdder injectedLate = new LongAdder();
    /** Intended send time to ack, in microseconds: no coordinated omission. */
    private final LatencyRecorder publishLatency = new LatencyRecorder();
    /** Actual minus intended send time, in microseconds. */
    private final LatencyRecorder scheduleDelay = new LatencyRecorder();

    private final java.util.function.LongSupplier nanoClock;
    private final LatencyObserver observer;
    private volatile String lastError;
    /**
     * Intended send time of the record inside {@code sink.send}, or {@link #NOT_SENDING}: a sink
     * that blocks (no broker, buffer full) shows as a stall that grows. Written with lazySet, a
     * plain store on x86, so the hot path pays no fence for it.
     */
    private final AtomicLong inSendSince = new AtomicLong(NOT_SENDING);

    private static final long NOT_SENDING = Long.MIN_VALUE;

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

    void injectedDuplicate() {
        injectedDuplicates.increment();
    }

    void injectedOutOfOrder() {
        injectedOutOfOrder.increment();
    }

    void injectedLate() {
        injectedLate.increment();
    }

    /** The records injected so far, as they were handed to the sink. */
    public InjectedFaults injected() {
        return new InjectedFaults(injectedDuplicates.sum(), injectedOutOfOrder.sum(), injectedLate.sum());
    }

    void sending(long intendedNanos) {
        inSendSince.lazySet(intendedNanos);
    }

    void sendReturned() {
        inSendSince.lazySet(NOT_SENDING);
    }

    /** How long the record now being handed to the sink has waited since its intended send time; 0 between sends. */
    public long stalledNanos() {
        long since = inSendSince.get();
        return since == NOT_SENDING ? 0 : Math.max(0, nanoClock.getAsLong() - since);
    }

    void scheduleDelay(long nanos) {
        long late = Math.max(0, nanos);
        scheduleDelay.recordValue(TimeUnit.NANOSECONDS.toMicros(late));
        observer.scheduleDelay(late);
    }

    @Override
    public void acked(long intendedNanos, long sequence) {
        acked.increment();
        long latency = Math.max(0, nanoClock.getAsLong() - intendedNanos);
        publishLatency.recordValue(TimeUnit.NANOSECONDS.toMicros(latency));
        observer.publishLatency(latency);
    }

    @Override
    public void failed(long intendedNanos, long sequence, Exception error) {
        failed.increment();
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /**
     * This shard's counters, to add up with other shards'. A shard knows its acks only: written counts
     * them (a sink that writes before it acks has its own count, {@code RecordSink.written()}).
     */
    public Counters counters() {
        long sentSoFar = sentCount();
        long ackedSoFar = ackedCount();
        return new Counters(sentSoFar, ackedSoFar, ackedSoFar, failedCount(), lastError);
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
        return publishLatency.takeInterval();
    }

    /** Schedule delays (µs) since the previous call; the caller keeps the running total. */
    public Histogram takeScheduleDelay() {
        return scheduleDelay.takeInterval();
    }
}

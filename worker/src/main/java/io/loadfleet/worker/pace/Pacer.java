package io.loadfleet.worker.pace;

/**
 * Open-loop pacing of one shard: waits until message {@code n} is due and says when that was.
 * A late sender is never given a new schedule; it sends the overdue messages at once and the
 * lateness shows up as schedule delay. A sender waits at least {@link #MIN_PARK_NANOS} at a time.
 */
public final class Pacer {
    /** Returned by {@link #awaitDue} when the run is over. */
    public static final long FINISHED = Long.MIN_VALUE;

    /**
     * The shortest wait: a message due sooner waits this long, and the messages due by then go at
     * once. Parking costs a few µs of CPU (a timer, a context switch each way): parking for each
     * message, every 16 µs at 60,000 msg/s, cost more than generating and sending it (issue 22). So
     * the sender wakes at most once a millisecond, as kafka-producer-perf-test's throttler (2 ms), and a
     * message goes less than this late; its intended time stays its due time, so the lateness shows
     * in schedule delay and publish latency, and the due counts of each second move by at most 0.1 %.
     */
    public static final long MIN_PARK_NANOS = 1_000_000;

    private volatile boolean stopped;
    private volatile Thread waiter;

    private final Clock clock;
    private final Arrivals schedule;
    private final long startNanos;
    private volatile long endNanos;

    /**
     * @param schedule   when messages are due; null sends as fast as possible
     * @param startNanos the clock's time at which message 0 is due
     * @param runNanos   how long the run lasts; {@link Long#MAX_VALUE} for ever
     */
    public Pacer(Clock clock, Arrivals schedule, long startNanos, long runNanos) {
        this.clock = clock;
        this.schedule = schedule;
        this.startNanos = startNanos;
        this.endNanos = runNanos == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + runNanos;
    }

    /**
     * Blocks until message {@code n} is due and returns its intended send time (clock nanos), or
     * {@link #FINISHED} when it would fall after the end of the run or {@link #stop()} was called.
     */
    public long awaitDue(long n) {
        if (schedule == null) {
            long now = clock.nanoTime();
            return stopped || now >= endNanos ? FINISHED : now;
        }
        long offset = schedule.dueNanos(n);
        long due = offset == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + offset;
        Thread current = Thread.currentThread();
        if (waiter != current) {
            waiter = current; // a volatile store is a fence: once, not once a message
        }
        long now = clock.nanoTime();
        if (now < due) {
            // Fixed once: a spurious wake-up must not push it later. Never before the message is due.
            long wakeAt = Math.max(due, now + MIN_PARK_NANOS);
            // Nothing more due before the end: wait the run out anyway, so its duration is honest.
            // endAt may move the end earlier while this waits: re-read it on every wake-up.
            long until;
            while (!stopped && clock.nanoTime() < (until = Math.min(wakeAt, endNanos))) {
                clock.parkUntil(until);
            }
        }
        return stopped || due >= endNanos ? FINISHED : due;
    }

    /**
     * Moves the end of the run earlier, to {@code nanos}: the messages due before it are still
     * sent, none after. How an epoch hands over to the next at an agreed instant.
     */
    public void endAt(long nanos) {
        endNanos = Math.min(endNanos, nanos);
        Thread t = waiter;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    /** Ends the run: the waiting (or next) {@link #awaitDue} returns {@link #FINISHED} at once. */
    public void stop() {
        stopped = true;
        Thread t = waiter;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    public long startNanos() {
        return startNanos;
    }

    public Clock clock() {
        return clock;
    }
}

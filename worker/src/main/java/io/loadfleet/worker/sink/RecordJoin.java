package io.loadfleet.worker.sink;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One record on its way to several sinks. Its run hears of it once, when every sink has answered: acked when all
 * acked (so its latency is the slowest sink's), failed when any failed.
 */
final class RecordJoin extends AtomicInteger {
    private final SendListener run;
    private final long intendedNanos;
    private final long sequence;
    private volatile Exception failure;

    RecordJoin(SendListener run, long intendedNanos, long sequence, int sinks) {
        super(sinks);
        this.run = run;
        this.intendedNanos = intendedNanos;
        this.sequence = sequence;
    }

    void acked() {
        if (decrementAndGet() == 0) {
            settle();
        }
    }

    void failed(Exception error) {
        failure = error;
        if (decrementAndGet() == 0) {
            settle();
        }
    }

    private void settle() {
        Exception error = failure;
        if (error == null) {
            run.acked(intendedNanos, sequence);
        } else {
            run.failed(intendedNanos, sequence, error);
        }
    }
}

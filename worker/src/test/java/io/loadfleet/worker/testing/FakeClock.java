package io.loadfleet.worker.testing;

import io.loadfleet.worker.pace.Clock;

/** A clock that only moves when someone waits on it: schedules can be checked to the nanosecond. */
public final class FakeClock implements Clock {
    private long nanos;

    public FakeClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return 1_700_000_000_000L + nanos / 1_000_000;
    }

    @Override
    public void parkUntil(long deadline) {
        nanos = Math.max(nanos, deadline);
    }

    /** Simulates a sender that falls behind. */
    public void advance(long delta) {
        nanos += delta;
    }
}

package io.loadfleet.worker.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The records a shard may still send under spec.count. One budget outlives the shard's runs in a process, so
 * a rate change (a new epoch, a new run) counts on instead of starting over; the old run and the new one
 * overlap for a moment at the hand-over, hence the atomic.
 */
public final class RecordBudget {
    private final AtomicLong remaining;

    public RecordBudget(long records) {
        this.remaining = new AtomicLong(Math.max(0, records));
    }

    /** Takes one record's place; false once the budget is spent, and from then on. */
    boolean take() {
        return remaining.get() > 0 && remaining.getAndDecrement() > 0;
    }

    public long remaining() {
        return Math.max(0, remaining.get());
    }
}

package io.loadfleet.worker.engine;

import io.loadfleet.worker.sink.OutgoingRecord;
import java.util.ArrayDeque;

/**
 * Injects spec.faults into one shard's records, on the shard's thread, as {@link FaultDraws} decides. Per record,
 * {@link #next} before it is generated (an out-of-order record's event time is shifted back before its timestamp
 * field is written), then {@link #send} in place of a plain send:
 *
 * <ul>
 *   <li>duplicate: sent as planned, then an exact copy marked {@code duplicate}, neither counted as sent nor settled
 *       (the record's own send is what the run owes);
 *   <li>out-of-order: sent on time, its event time shifted back, marked;
 *   <li>late: held (its key, value, trace context and event time) and sent marked, with its identity, together with
 *       the first record due at least {@code delay} after it; those still held when the run ends are sent then. Its
 *       intended send time is its release, so its publish latency is the broker's, not the delay's.
 * </ul>
 */
final class FaultInjector {
    private final FaultDraws draws;
    private final long delayNanos;
    private final ShardSender sender;
    private final ShardStats stats;
    /** The held records, in the order they are due and so released (every one waits the same delay). */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /**
     * The message a held record is sent in, so the shard's own one is not disturbed. It carries no {@code record}
     * (the generated fields): only file sinks read those, and spec.faults does not apply to them.
     */
    private final OutgoingRecord late;
    /** The fault {@link #next} drew for the record {@link #send} sends; null for none. */
    private FaultDraws.Fault fault;

    private record Held(
            long releaseNanos, long sequence, long eventTimeMillis, byte[] key, byte[] value, byte[] traceparent) {}

    /**
     * @param delayNanos how long after it was due a late record is sent
     * @param late       an outgoing message of the shard's identity, for the held records; it is marked late
     * @param stats      counts the records injected
     */
    FaultInjector(FaultDraws draws, long delayNanos, OutgoingRecord late, ShardSender sender, ShardStats stats) {
        this.draws = draws;
        this.delayNanos = delayNanos;
        this.late = late;
        late.injected = OutgoingRecord.INJECTED_LATE;
        this.sender = sender;
        this.stats = stats;
    }

    /**
     * Before record {@code sequence}, due at {@code dueNanos}, is generated: sends the held records released by
     * then, draws the record's fault and returns its event time, shifted back when it is to be out of order.
     */
    long next(long dueNanos, long sequence, long eventTimeMillis) {
        release(dueNanos, dueNanos);
        fault = draws.fault(sequence);
        return fault == FaultDraws.Fault.OUT_OF_ORDER ? eventTimeMillis - draws.shiftMillis(sequence) : eventTimeMillis;
    }

    /** Sends record {@code r} with the fault {@link #next} drew for it. */
    void send(OutgoingRecord r) {
        if (fault == null) {
            sender.send(r);
            return;
        }
        switch (fault) {
            case DUPLICATE -> {
                sender.send(r);
                r.injected = fault.mark;
                sender.sendCopy(r);
                stats.injectedDuplicate();
            }
            case OUT_OF_ORDER -> {
                r.injected = fault.mark;
                sender.send(r);
                stats.injectedOutOfOrder();
            }
            case LATE ->
                held.addLast(new Held(
                        r.intendedNanos + delayNanos, r.sequence, r.eventTimeMillis, r.key, r.value, r.traceparent));
        }
        r.injected = null;
    }

    /**
     * Sends every record still held, at {@code nowNanos}: the run is over, and none may be left unsent (those
     * released before their time are less late than planned).
     */
    void releaseAll(long nowNanos) {
        release(nowNanos, Long.MAX_VALUE);
    }

    /** Sends the held records released by {@code upTo}, each intended at its release or {@code nowNanos} if sooner. */
    private void release(long nowNanos, long upTo) {
        while (!held.isEmpty() && held.peekFirst().releaseNanos() <= upTo) {
            Held h = held.pollFirst();
            late.sequence = h.sequence();
            late.intendedNanos = Math.min(h.releaseNanos(), nowNanos);
            late.eventTimeMillis = h.eventTimeMillis();
            late.key = h.key();
            late.value = h.value();
            late.traceparent = h.traceparent();
            sender.send(late);
            stats.injectedLate();
        }
    }
}

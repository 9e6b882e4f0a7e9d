package io.loadfleet.worker.engine;

import io.loadfleet.worker.generate.RecordRandom;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.util.ArrayDeque;

/**
 * Injects spec.faults into one shard's records, on the shard's thread. Each record gets at most one fault, from one
 * draw of a hash of (seed, shard, sequence) salted apart from the record's content and trace streams, so a replay
 * injects the same faults into the same records and a fault never changes what the other records hold. Per record,
 * {@link #next} before it is generated (an out-of-order record's event time is shifted back before its timestamp
 * field is written), then {@link #send} in place of a plain send:
 *
 * <ul>
 *   <li>duplicate: sent as planned, then an exact copy marked {@code duplicate}, neither counted as sent nor settled
 *       (the record's own send is what the run owes);
 *   <li>out-of-order: sent on time, its event time shifted back by a uniform [1, maxShift] ms, marked;
 *   <li>late: held (its key, value, trace context and event time) and sent marked, with its identity, once the
 *       first record due at least {@code delay} after it is; those still held when the run ends are sent then. Its
 *       intended send time is its release, so its publish latency is the broker's, not the delay's.
 * </ul>
 */
final class FaultInjector {
    /** Keeps fault draws apart from the record, trait and trace streams of the same seed (SHA-512's fourth IV word). */
    private static final long SALT = 0xA54FF53A5F1D36F1L;

    private static final int NONE = 0;
    private static final int DUPLICATE = 1;
    private static final int OUT_OF_ORDER = 2;
    private static final int LATE = 3;

    private final long stream;
    /** A draw's top 53 bits below these is a duplicate, else out of order, else late: cumulative thresholds. */
    private final long duplicateBelow;

    private final long outOfOrderBelow;
    private final long lateBelow;
    private final long maxShiftMillis;
    private final long delayNanos;
    private final ShardSender sender;
    private final ShardStats stats;
    /** The held records, in the order they are due and so released (every one waits the same delay). */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** The message a held record is sent in, so the shard's own one is not disturbed. */
    private final OutgoingRecord late;

    private int fault;

    private record Held(
            long releaseNanos, long sequence, long eventTimeMillis, byte[] key, byte[] value, byte[] traceparent) {}

    /**
     * @param late  an outgoing message of the shard's identity, for the held records; it is marked late
     * @param stats counts the records injected
     */
    FaultInjector(
            FaultSettings settings, long seed, int shard, OutgoingRecord late, ShardSender sender, ShardStats stats) {
        this.stream = RecordRandom.mix(RecordRandom.mix(seed ^ SALT) ^ shard);
        this.duplicateBelow = threshold(settings.duplicates());
        this.outOfOrderBelow = threshold(settings.duplicates() + settings.outOfOrder());
        this.lateBelow = threshold(settings.duplicates() + settings.outOfOrder() + settings.late());
        this.maxShiftMillis = settings.maxShiftMillis();
        this.delayNanos = settings.delayNanos();
        this.late = late;
        late.injected = OutgoingRecord.INJECTED_LATE;
        this.sender = sender;
        this.stats = stats;
    }

    private static long threshold(double fraction) {
        return Math.min(1L << 53, Math.round(fraction * (1L << 53)));
    }

    /**
     * Before record {@code sequence}, due at {@code dueNanos}, is generated: sends the held records released by
     * then, decides the record's fault and returns its event time, shifted back when it is to be out of order.
     */
    long next(long dueNanos, long sequence, long eventTimeMillis) {
        release(dueNanos);
        long draw = hash(sequence);
        long u = draw >>> 11;
        fault = u < duplicateBelow ? DUPLICATE : u < outOfOrderBelow ? OUT_OF_ORDER : u < lateBelow ? LATE : NONE;
        return fault == OUT_OF_ORDER ? eventTimeMillis - shiftMillis(draw) : eventTimeMillis;
    }

    /** Sends record {@code r} with the fault {@link #next} decided for it. */
    void send(OutgoingRecord r) {
        switch (fault) {
            case DUPLICATE -> {
                sender.send(r);
                r.injected = OutgoingRecord.INJECTED_DUPLICATE;
                sender.sendCopy(r);
                r.injected = null;
                stats.injectedDuplicate();
            }
            case OUT_OF_ORDER -> {
                r.injected = OutgoingRecord.INJECTED_OUT_OF_ORDER;
                sender.send(r);
                r.injected = null;
                stats.injectedOutOfOrder();
            }
            case LATE ->
                held.addLast(new Held(
                        r.intendedNanos + delayNanos, r.sequence, r.eventTimeMillis, r.key, r.value, r.traceparent));
            default -> sender.send(r);
        }
    }

    /**
     * Sends every record still held, at {@code nowNanos}: the run is over, and none may be left unsent (those
     * released before their time are less late than planned).
     */
    void releaseAll(long nowNanos) {
        release(nowNanos, Long.MAX_VALUE);
    }

    private void release(long nowNanos) {
        release(nowNanos, nowNanos);
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

    /** How many records are held now; for tests. */
    int heldCount() {
        return held.size();
    }

    private long hash(long sequence) {
        return RecordRandom.mix(stream + sequence * RecordRandom.GOLDEN_GAMMA);
    }

    /** A shift in [1, maxShiftMillis] ms from bits of the draw its fault did not use. */
    private long shiftMillis(long draw) {
        long bits = RecordRandom.mix(draw ^ SALT) >>> 11;
        return 1 + (long) (bits * 0x1.0p-53 * maxShiftMillis);
    }
}

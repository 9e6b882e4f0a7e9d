package io.loadfleet.worker.engine;

import io.loadfleet.worker.generate.RecordRandom;
import io.loadfleet.worker.sink.OutgoingRecord;

/**
 * Which fault spec.faults gives each record of one shard: at most one, from one draw of a hash of (seed, shard,
 * sequence) salted apart from the record's content and trace streams. A pure function of the record's coordinates,
 * so a replay injects the same faults into the same records, a fault never changes what the other records hold,
 * and a test can tell which records were to be injected.
 */
public final class FaultDraws {
    /** Keeps fault draws apart from the record, trait and trace streams of the same seed (SHA-512's fourth IV word). */
    private static final long SALT = 0xA54FF53A5F1D36F1L;

    /** A fault, and the mark ({@link OutgoingRecord#HEADER_INJECTED}) its records carry. */
    public enum Fault {
        DUPLICATE(OutgoingRecord.INJECTED_DUPLICATE),
        OUT_OF_ORDER(OutgoingRecord.INJECTED_OUT_OF_ORDER),
        LATE(OutgoingRecord.INJECTED_LATE);

        public final String mark;

        Fault(String mark) {
            this.mark = mark;
        }
    }

    private final long stream;
    /** A draw's top 53 bits below these is a duplicate, else out of order, else late: cumulative thresholds. */
    private final long duplicateBelow;

    private final long outOfOrderBelow;
    private final long lateBelow;
    private final long maxShiftMillis;

    public FaultDraws(FaultSettings settings, long seed, int shard) {
        this.stream = RecordRandom.mix(RecordRandom.mix(seed ^ SALT) ^ shard);
        this.duplicateBelow = threshold(settings.duplicates());
        this.outOfOrderBelow = threshold(settings.duplicates() + settings.outOfOrder());
        this.lateBelow = threshold(settings.duplicates() + settings.outOfOrder() + settings.late());
        this.maxShiftMillis = settings.maxShiftMillis();
    }

    private static long threshold(double fraction) {
        return Math.min(1L << 53, Math.round(fraction * (1L << 53)));
    }

    /** The fault of record {@code sequence}; null for none. */
    public Fault fault(long sequence) {
        long u = draw(sequence) >>> 11;
        return u < duplicateBelow
                ? Fault.DUPLICATE
                : u < outOfOrderBelow ? Fault.OUT_OF_ORDER : u < lateBelow ? Fault.LATE : null;
    }

    /** How far back an out-of-order record's event time is shifted: uniform in [1, maxShift] ms. */
    public long shiftMillis(long sequence) {
        long bits = RecordRandom.mix(draw(sequence) ^ SALT) >>> 11; // bits the fault's draw did not use
        return 1 + (long) (bits * 0x1.0p-53 * maxShiftMillis);
    }

    private long draw(long sequence) {
        return RecordRandom.mix(stream + sequence * RecordRandom.GOLDEN_GAMMA);
    }
}

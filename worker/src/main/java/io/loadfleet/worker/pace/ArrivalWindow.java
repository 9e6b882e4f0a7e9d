package io.loadfleet.worker.pace;

/**
 * The window of a {@link RateSchedule} that holds a record, for arrivals that move records within
 * windows but never across them. Time is cut into whole windows [kW, (k+1)W) from the schedule's
 * start; window k holds exactly the records the schedule has due in it, so every whole window (and
 * any run of them) carries the schedule's count. A cursor: one per shard, on its thread.
 */
final class ArrivalWindow {
    private final RateSchedule base;
    private final long length;

    private long index;
    private long first;
    private long count;
    private long startNanos;
    private long endNanos;
    private double startCount;
    private double countSpan;

    ArrivalWindow(RateSchedule base, long lengthNanos) {
        if (lengthNanos < 1) {
            throw new IllegalArgumentException("a window lasts at least a nanosecond: " + lengthNanos);
        }
        this.base = base;
        this.length = lengthNanos;
    }

    /** Whether record {@code n} is in the current window. */
    boolean holds(long n) {
        return n >= first && n - first < count;
    }

    /** Moves to the window of record {@code n}; false when the schedule never lets it be sent. */
    boolean moveTo(long n) {
        long due = base.dueNanos(n);
        if (due == Long.MAX_VALUE) {
            return false;
        }
        index = due / length;
        startNanos = index * length;
        endNanos = startNanos + length;
        first = firstDueFrom(startNanos);
        count = firstDueFrom(endNanos) - first;
        startCount = base.countAt(startNanos);
        countSpan = base.countAt(endNanos) - startCount;
        return true;
    }

    /**
     * The first record the schedule has due at or after {@code nanos}. {@link RateSchedule#countBefore}
     * rounds the rate's integral, {@link RateSchedule#dueNanos} its inverse, and the two can disagree by
     * a record at a boundary: the due times decide, so a window holds exactly the schedule's records.
     */
    private long firstDueFrom(long nanos) {
        long n = base.countBefore(nanos);
        while (n > 0 && base.dueNanos(n - 1) >= nanos) {
            n--;
        }
        while (base.dueNanos(n) < nanos) {
            n++;
        }
        return n;
    }

    /**
     * When the point {@code fraction} (0 to 1) of the way through the window's count is due: on the
     * schedule's own curve, so at a constant rate that fraction of the way through the window, and on
     * a ramp where the ramp's rate puts it, taking the rate as constant between two consecutive
     * records of the schedule. That needs nothing but {@link RateSchedule#dueNanos}: a version of it
     * for fractional counts, with the constant path delegating to it, made that path 2.8 → 12.8 ns a
     * record (ArrivalsBenchmark). Kept inside the window against rounding, and where the schedule
     * stops within it.
     */
    long dueAt(double fraction) {
        double count = startCount + fraction * countSpan;
        long whole = (long) count;
        long before = base.dueNanos(whole);
        double due = before + (count - whole) * (double) (base.dueNanos(whole + 1) - before);
        return Math.max(startNanos, (long) Math.min(due, endNanos - 1));
    }

    /** The window's number k, from 0 at the schedule's start. */
    long index() {
        return index;
    }

    /** The window's first record. */
    long first() {
        return first;
    }

    /** How many records the window holds. */
    long count() {
        return count;
    }

    /** When the window starts, after the schedule's start. */
    long startNanos() {
        return startNanos;
    }
}

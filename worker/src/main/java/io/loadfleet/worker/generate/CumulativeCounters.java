package io.loadfleet.worker.generate;

/**
 * Per-device running totals in one flat array (a device's counters sit side by side), indexed by
 * the device's slot in the shard's range. Totals only grow: deltas are never negative.
 */
final class CumulativeCounters {

    private final long[] totals;
    private final int width;

    CumulativeCounters(int devices, int countersPerDevice) {
        long size = (long) devices * countersPerDevice;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many devices for per-device counters in one shard: " + devices);
        }
        this.totals = new long[(int) size];
        this.width = countersPerDevice;
    }

    /** Adds {@code delta} (>= 0) to counter {@code counter} of device {@code slot}; returns the new total. */
    long add(int slot, int counter, long delta) {
        return totals[slot * width + counter] += delta;
    }
}

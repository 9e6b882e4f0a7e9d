package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.sink.SendListener;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The intended send times of a shard's records that are written but not yet in their file, kept
 * as runs of records intended within the same millisecond: an unfinished Parquet file holds up to
 * a minute of records, 6 million at 100,000 records/s, which as single times would take 48 MB a
 * shard, as runs at most 60,000 × 12 bytes. A record's publish latency is then measured from its
 * run's first intended time, at most a millisecond early, against acks that trail by a second or more.
 * Used under its shard's lock.
 */
final class PendingRecords {
    static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private long[] runStart = new long[256];
    private int[] runLength = new int[256];
    private int runs;
    private int count;

    void add(long intendedNanos) {
        if (runs > 0) {
            long sinceStart = intendedNanos - runStart[runs - 1];
            if (sinceStart >= 0 && sinceStart < RUN_NANOS && runLength[runs - 1] < Integer.MAX_VALUE) {
                runLength[runs - 1]++;
                count++;
                return;
            }
        }
        if (runs == runStart.length) {
            runStart = Arrays.copyOf(runStart, runs * 2);
            runLength = Arrays.copyOf(runLength, runs * 2);
        }
        runStart[runs] = intendedNanos;
        runLength[runs] = 1;
        runs++;
        count++;
    }

    int count() {
        return count;
    }

    /** Tells {@code listener} every pending record is in its file, and forgets them. */
    void ackAll(SendListener listener) {
        int n = clear();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < runLength[r]; i++) {
                listener.acked(runStart[r]);
            }
        }
    }

    /** Tells {@code listener} every pending record failed, and forgets them. */
    void failAll(SendListener listener, Exception error) {
        int n = clear();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < runLength[r]; i++) {
                listener.failed(runStart[r], error);
            }
        }
    }

    /**
     * Forgets the records before the listener hears of them, so that a listener that throws part way
     * cannot have any record acked or failed twice; returns how many runs there were.
     */
    private int clear() {
        int n = runs;
        runs = 0;
        count = 0;
        return n;
    }
}

package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.sink.SendListener;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A shard's records that are written but not yet in their file, kept as runs of consecutive
 * sequences intended within the same millisecond and sent with the same listener: an unfinished
 * Parquet file holds up to a minute of records, 6 million at 100,000 records/s, which one by one
 * would take 96 MB a shard, as runs at most 60,000 × 24 bytes. A record's publish latency is then
 * measured from its run's first intended time, at most a millisecond early, against acks that trail
 * by a second or more. Each run keeps its own listener: when a pod's epoch changes, the old run's
 * records may still be pending in the shard's file while the new run writes. Used under its shard's lock,
 * and once its file is finished by the {@link FileDelivery} it was handed to with the file, alone.
 */
final class PendingRecords {
    static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private long[] runStart = new long[256];
    private long[] runFirstSequence = new long[256];
    private int[] runLength = new int[256];
    private SendListener[] runListener = new SendListener[256];
    private int runs;
    private int count;

    void add(long intendedNanos, long sequence, SendListener listener) {
        if (runs > 0 && extendsLastRun(intendedNanos, sequence, listener)) {
            runLength[runs - 1]++;
            count++;
            return;
        }
        if (runs == runStart.length) {
            runStart = Arrays.copyOf(runStart, runs * 2);
            runFirstSequence = Arrays.copyOf(runFirstSequence, runs * 2);
            runLength = Arrays.copyOf(runLength, runs * 2);
            runListener = Arrays.copyOf(runListener, runs * 2);
        }
        runStart[runs] = intendedNanos;
        runFirstSequence[runs] = sequence;
        runLength[runs] = 1;
        runListener[runs] = listener;
        runs++;
        count++;
    }

    private boolean extendsLastRun(long intendedNanos, long sequence, SendListener listener) {
        int last = runs - 1;
        long sinceStart = intendedNanos - runStart[last];
        return sinceStart >= 0
                && sinceStart < RUN_NANOS
                && sequence == runFirstSequence[last] + runLength[last]
                && listener == runListener[last]
                && runLength[last] < Integer.MAX_VALUE;
    }

    int count() {
        return count;
    }

    /** Tells each record's listener it is acked (in its file, or its file uploaded), and forgets them. */
    void ackAll() {
        settleAll(null);
    }

    /** Tells each record's listener it failed, and forgets them. */
    void failAll(Exception error) {
        settleAll(error);
    }

    /** Acks every pending record, or fails it with {@code error} when not null. */
    private void settleAll(Exception error) {
        int n = clear();
        for (int r = 0; r < n; r++) {
            SendListener listener = runListener[r];
            runListener[r] = null; // a listener holds its run's stats, which a shard no longer written must let go
            for (int i = 0; i < runLength[r]; i++) {
                long sequence = runFirstSequence[r] + i;
                if (error == null) {
                    listener.acked(runStart[r], sequence);
                } else {
                    listener.failed(runStart[r], sequence, error);
                }
            }
        }
    }

    /**
     * Forgets the records before the listeners hear of them, so that a listener that throws part way
     * cannot have any record acked or failed twice; returns how many runs there were.
     */
    private int clear() {
        int n = runs;
        runs = 0;
        count = 0;
        return n;
    }
}

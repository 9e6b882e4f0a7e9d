package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loadfleet.worker.sink.SendListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRecordsTest {

    /** What one listener heard: each record as (intended time, sequence). */
    static final class Heard implements SendListener {
        final List<List<Long>> acked = new ArrayList<>();
        final List<List<Long>> failed = new ArrayList<>();
        final List<Exception> errors = new ArrayList<>();

        @Override
        public void acked(long intendedNanos, long sequence) {
            acked.add(List.of(intendedNanos, sequence));
        }

        @Override
        public void failed(long intendedNanos, long sequence, Exception error) {
            failed.add(List.of(intendedNanos, sequence));
            errors.add(error);
        }
    }

    final Heard listener = new Heard();

    @Test
    void everyRecordIsAckedOnceWithItsSequenceAndItsMillisecondsFirstIntendedTime() {
        PendingRecords pending = new PendingRecords();
        long[] times = {0, 100_000, 999_999, 1_000_000, 5_000_000, 4_000_000};
        for (int i = 0; i < times.length; i++) {
            pending.add(times[i], 10 + i, listener);
        }
        assertEquals(6, pending.count());
        pending.ackAll();
        // an earlier time than its run's start (never from one pacer) starts a run of its own
        assertEquals(
                List.of(
                        List.of(0L, 10L),
                        List.of(0L, 11L),
                        List.of(0L, 12L),
                        List.of(1_000_000L, 13L),
                        List.of(5_000_000L, 14L),
                        List.of(4_000_000L, 15L)),
                listener.acked);
        assertEquals(0, pending.count());
        pending.ackAll();
        assertEquals(6, listener.acked.size(), "nothing acked twice");
    }

    @Test
    void aGapInTheSequencesOrAnotherListenerStartsARun() {
        PendingRecords pending = new PendingRecords();
        Heard next = new Heard(); // the run of the pod's next epoch, writing to the same shard's file
        pending.add(0, 0, listener);
        pending.add(1, 1, listener);
        pending.add(2, 5, listener);
        pending.add(3, 6, next);
        pending.add(4, 7, listener);
        pending.failAll(new java.io.IOException("disk full"));
        assertEquals(List.of(List.of(0L, 0L), List.of(0L, 1L), List.of(2L, 5L), List.of(4L, 7L)), listener.failed);
        assertEquals(List.of(List.of(3L, 6L)), next.failed);
    }

    @Test
    void manyRunsGrowTheTablesAndAllFailTogether() {
        PendingRecords pending = new PendingRecords();
        int records = 100_000;
        for (int i = 0; i < records; i++) {
            pending.add(i * 250_000L, i, listener); // 4 records a millisecond: 25,000 runs
        }
        assertEquals(records, pending.count());
        Exception error = new java.io.IOException("disk full");
        pending.failAll(error);
        assertEquals(records, listener.failed.size());
        assertEquals(0, listener.acked.size());
        for (int i = 0; i < records; i++) {
            assertEquals(List.of(i / 4 * 1_000_000L, (long) i), listener.failed.get(i), "record " + i);
        }
        assertSame(error, listener.errors.get(records - 1));
        assertEquals(0, pending.count());
    }
}

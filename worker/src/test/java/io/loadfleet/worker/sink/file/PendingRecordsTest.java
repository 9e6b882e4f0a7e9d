package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loadfleet.worker.sink.SendListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRecordsTest {
    final List<Long> acked = new ArrayList<>();
    final List<Long> failed = new ArrayList<>();
    final List<Exception> errors = new ArrayList<>();
    final SendListener listener = new SendListener() {
        @Override
        public void acked(long intendedNanos) {
            acked.add(intendedNanos);
        }

        @Override
        public void failed(long intendedNanos, Exception error) {
            failed.add(intendedNanos);
            errors.add(error);
        }
    };

    @Test
    void everyRecordIsAckedOnceWithItsMillisecondsFirstIntendedTime() {
        PendingRecords pending = new PendingRecords();
        for (long t : new long[] {0, 100_000, 999_999, 1_000_000, 5_000_000, 4_000_000}) {
            pending.add(t);
        }
        assertEquals(6, pending.count());
        pending.ackAll(listener);
        // an earlier time than its run's start (never from one pacer) starts a run of its own
        assertEquals(List.of(0L, 0L, 0L, 1_000_000L, 5_000_000L, 4_000_000L), acked);
        assertEquals(0, pending.count());
        pending.ackAll(listener);
        assertEquals(6, acked.size(), "nothing acked twice");
    }

    @Test
    void manyRunsGrowTheTablesAndAllFailTogether() {
        PendingRecords pending = new PendingRecords();
        int records = 100_000;
        for (int i = 0; i < records; i++) {
            pending.add(i * 250_000L); // 4 records a millisecond: 25,000 runs
        }
        assertEquals(records, pending.count());
        Exception error = new java.io.IOException("disk full");
        pending.failAll(listener, error);
        assertEquals(records, failed.size());
        assertEquals(0, acked.size());
        for (int i = 0; i < records; i++) {
            assertEquals(i / 4 * 1_000_000L, failed.get(i), "record " + i);
        }
        assertSame(error, errors.get(records - 1));
        assertEquals(0, pending.count());
    }
}

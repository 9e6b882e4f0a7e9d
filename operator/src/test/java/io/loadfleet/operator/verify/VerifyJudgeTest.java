package io.loadfleet.operator.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.VerifyStatus;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Merging verifiers' ledgers and judging them against the producers' watermarks, exactly. */
class VerifyJudgeTest {
    static final long GRACE = 30_000;

    @Test
    void aRetiredProcessAndItsSuccessorCountEachRecordOnce() {
        ConsumedLedger ledger = new ConsumedLedger("grid");
        ledger.retire(report("a", stream(1, 3, range(0, 600), 0), 600, 0));
        VerifierReport successor = report("b", stream(1, 3, range(600, 1000), 0), 400, 0);

        ConsumedLedger.Merged merged = ledger.merge(List.of(successor));

        assertEquals(1000, merged.records());
        assertEquals(0, merged.streams().get(new StreamKey(1, 3)).duplicates());
        assertEquals(1000, merged.streams().get(new StreamKey(1, 3)).seen().getLongCardinality());
        assertEquals(1000, merged.latency().getTotalCount());
    }

    @Test
    void aSequenceTwoProcessesSawIsADuplicateAndOnesOwnAddUp() {
        ConsumedLedger ledger = new ConsumedLedger("grid");
        ledger.retire(report("a", stream(0, 2, range(0, 100), 1), 101, 0));
        VerifierReport b = report("b", stream(0, 2, range(95, 200), 0), 105, 0);

        assertEquals(
                1 + 5,
                ledger.merge(List.of(b)).streams().get(new StreamKey(0, 2)).duplicates());
    }

    @Test
    void anotherProfilesRecordsAreForeignHere() {
        VerifierReport mixed = new VerifierReport(
                "a",
                1,
                1,
                List.of(),
                List.of(),
                List.of(
                        stream(0, 1, range(0, 10), 0),
                        new VerifierReport.StreamLedger(
                                "other", 0, 1, BitmapCodec.encode(range(0, 5)), 5, 0, 0, 0, 0, 0)),
                15,
                2,
                0,
                null,
                null);

        ConsumedLedger.Merged merged = new ConsumedLedger("grid").merge(List.of(mixed));

        assertEquals(10, merged.records());
        assertEquals(7, merged.foreign());
    }

    @Test
    void unseenRecordsAckedBeforeTheGraceAreLostAndLaterOnesLag() {
        AckLedger acks = new AckLedger("grid");
        acks.record(List.of(worker(new StreamAcks(0, 5, 0, 499, List.of()))), 1_000);
        acks.record(List.of(worker(new StreamAcks(0, 5, 0, 999, List.of(700L)))), 40_000);
        RoaringBitmap seen = range(0, 1000);
        seen.remove(10); // acked at 1 s, unseen at 41 s: lost
        seen.remove(11);
        seen.remove(800); // acked by 40 s, unseen at 41 s: lag
        ConsumedLedger ledger = new ConsumedLedger("grid");
        VerifierReport consumed = report(
                "a",
                new VerifierReport.StreamLedger(
                        "grid", 0, 5, BitmapCodec.encode(seen), seen.getLongCardinality(), 0, 0, 0, 0, 0),
                seen.getLongCardinality(),
                0);

        VerifyStatus status =
                VerifyJudge.judge("grid", ledger.merge(List.of(consumed)), acks.watermarks(5, 41_000 - GRACE), 5L);

        assertEquals(2, status.lost());
        assertEquals(1, status.lag(), "700 failed, so it is owed by no one; 800 is still within the grace");
        assertEquals(List.of(new VerifyStatus.MissingRecords("grid", 0, 5, List.of(10L, 11L))), status.firstMissing());
        assertEquals(5L, status.fromEpoch());
    }

    @Test
    void aKilledPodsLastWatermarkIsStillOwedAndItsReplacementsRunStartsLater() {
        AckLedger acks = new AckLedger("grid");
        acks.record(List.of(worker(new StreamAcks(1, 2, 0, 299, List.of()))), 0);
        // the pod was replaced: its successor rejoins epoch 2 at 400, sequences 300-399 were never sent
        acks.record(List.of(worker(new StreamAcks(1, 2, 400, 599, List.of()))), 0);
        RoaringBitmap seen = range(0, 300);
        seen.or(range(400, 599)); // 599 missing
        VerifierReport consumed = report(
                "a",
                new VerifierReport.StreamLedger(
                        "grid", 1, 2, BitmapCodec.encode(seen), seen.getLongCardinality(), 0, 0, 0, 0, 0),
                seen.getLongCardinality(),
                0);

        VerifyStatus status = VerifyJudge.judge(
                "grid", new ConsumedLedger("grid").merge(List.of(consumed)), acks.watermarks(1, 1), 1L);

        assertEquals(1, status.lost());
        assertEquals(List.of(599L), status.firstMissing().get(0).sequences());
    }

    @Test
    void injectedRecordsAreSummedAcrossProcessesApartFromDuplicatesAndForJudgedEpochsOnly() {
        AckLedger acks = new AckLedger("grid");
        acks.record(List.of(worker(new StreamAcks(0, 4, 0, 999, List.of()))), 0);
        ConsumedLedger ledger = new ConsumedLedger("grid");
        // epoch 3 is before the first judged; in epoch 4 a retired process and its successor split the stream
        ledger.retire(report("old", injected(3, range(0, 100), 1, 1, 1), 100, 0));
        ledger.retire(report("a", injected(4, range(0, 600), 6, 60, 1), 606, 0));
        VerifierReport successor = report("b", injected(4, range(600, 1000), 4, 40, 0), 404, 0);

        VerifyStatus status =
                VerifyJudge.judge("grid", ledger.merge(List.of(successor)), acks.watermarks(4, 100_000), 4L);

        assertEquals(new InjectedFaults(10, 100, 1), status.injected());
        assertEquals(0, status.duplicates(), "injected copies are not in the ledgers' sequences seen");
        assertEquals(0, status.lost());
        assertEquals(
                null,
                VerifyJudge.judge("grid", ledger.merge(List.of()), acks.watermarks(5, 100_000), 5L)
                        .injected(),
                "absent when no judged epoch had any");
    }

    static VerifierReport.StreamLedger injected(
            long epoch, RoaringBitmap seen, long duplicates, long outOfOrder, long late) {
        return new VerifierReport.StreamLedger(
                "grid",
                0,
                epoch,
                BitmapCodec.encode(seen),
                seen.getLongCardinality() + duplicates,
                0,
                0,
                duplicates,
                outOfOrder,
                late);
    }

    @Test
    void epochsBeforeTheFirstJudgedAreNotJudged() {
        AckLedger acks = new AckLedger("grid");
        acks.record(List.of(worker(new StreamAcks(0, 1, 0, 99, List.of()))), 0);

        VerifyStatus status =
                VerifyJudge.judge("grid", new ConsumedLedger("grid").merge(List.of()), acks.watermarks(2, 100_000), 2L);

        assertEquals(0, status.lost());
        assertEquals(0, status.lag());
    }

    static RoaringBitmap range(long from, long to) {
        return RoaringBitmap.bitmapOfRange(from, to);
    }

    static VerifierReport.StreamLedger stream(int shard, long epoch, RoaringBitmap seen, long duplicates) {
        return new VerifierReport.StreamLedger(
                "grid",
                shard,
                epoch,
                BitmapCodec.encode(seen),
                seen.getLongCardinality() + duplicates,
                duplicates,
                0,
                0,
                0,
                0);
    }

    static VerifierReport report(String incarnation, VerifierReport.StreamLedger stream, long records, long foreign) {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < records; i++) {
            latency.recordValue(1_000 + i);
        }
        return new VerifierReport(
                incarnation,
                1,
                1,
                List.of(new VerifierReport.PartitionPosition(0, "10")),
                List.of(),
                List.of(stream),
                records,
                foreign,
                0,
                HistogramCodec.encode(latency),
                null);
    }

    static WorkerStatus worker(StreamAcks acks) {
        return new WorkerStatus(
                "grid",
                WorkerState.RUNNING,
                acks.epoch(),
                new WorkerStatus.ShardRange(acks.shard(), 2, 0, 10),
                100,
                Counters.ZERO,
                0,
                WorkerStatus.Histograms.NONE,
                List.of(acks),
                List.of());
    }
}

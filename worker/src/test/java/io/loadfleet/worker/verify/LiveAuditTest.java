package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.impl.BatchMessageIdImpl;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The live ledger's accounting, record by record. */
class LiveAuditTest {
    static final StreamId SHARD_0 = new StreamId("p", 0, 3);

    static ConsumedRecord record(long seq, int partition) {
        return record(seq, partition, seq);
    }

    static ConsumedRecord record(long seq, int partition, long offset) {
        return new ConsumedRecord(
                "p", 0, 3, seq, partition, new KafkaOffset(offset), 1_000, 1_250, new byte[] {1}, null);
    }

    /** Record {@code seq} at {@code offset} of partition 0, marked as injected {@code fault}, event time 1 s before. */
    static ConsumedRecord injected(long seq, long offset, String fault, long eventTimeMillis) {
        return new ConsumedRecord(
                "p", 0, 3, seq, 0, new KafkaOffset(offset), eventTimeMillis, 1_250, new byte[] {1}, fault);
    }

    @Test
    void injectedRecordsAreCountedApartFromDuplicatesDisorderAndLatency() {
        LiveAudit audit = new LiveAudit(v -> true);
        audit.accept(record(0, 0, 0));
        audit.accept(injected(0, 1, OutgoingRecord.INJECTED_DUPLICATE, 1_000)); // a copy, right after its record
        audit.accept(record(2, 0, 2));
        audit.accept(injected(3, 3, OutgoingRecord.INJECTED_OUT_OF_ORDER, -60_000)); // event time a minute back
        audit.accept(record(4, 0, 4));
        audit.accept(injected(1, 5, OutgoingRecord.INJECTED_LATE, 1_000)); // behind 4, long after it was due
        audit.accept(record(5, 0, 6));
        VerifyStatus s = audit.status(Map.of(SHARD_0, new LiveAudit.AckedRecords(6, 0)), true);
        assertEquals(new InjectedFaults(1, 1, 1), s.injected());
        assertEquals(List.of(7L, 0L, 0L, 0L), List.of(s.records(), s.duplicates(), s.outOfOrder(), s.lost()));
        assertEquals(5, s.e2eLatencyMs().count(), "the shifted and the late record's latencies are the faults'");
        assertEquals(250.0, s.e2eLatencyMs().max(), 0.5);
        assertEquals(new InjectedFaults(1, 1, 1), audit.summary("t").injected());
        assertEquals(0, audit.summary("t").lost());
        VerifierReport.StreamLedger ledger = audit.ledgers().get(0);
        assertEquals(
                List.of(1L, 1L, 1L, 0L, 0L),
                List.of(
                        ledger.injectedDuplicates(),
                        ledger.injectedOutOfOrder(),
                        ledger.injectedLate(),
                        ledger.duplicates(),
                        ledger.outOfOrder()));
        assertEquals(RoaringBitmap.bitmapOfRange(0, 6), BitmapCodec.decode(ledger.seen()));
    }

    @Test
    void realLossDuplicationAndDisorderOfInjectedRecordsAreStillCaught() {
        LiveAudit audit = new LiveAudit(v -> true);
        // record 0 lost: its injected copy arrived, which proves nothing of the record itself
        audit.accept(injected(0, 0, OutgoingRecord.INJECTED_DUPLICATE, 1_000));
        audit.accept(record(1, 0, 1));
        audit.accept(injected(1, 2, OutgoingRecord.INJECTED_DUPLICATE, 1_000));
        audit.accept(injected(1, 3, OutgoingRecord.INJECTED_DUPLICATE, 1_000)); // the copy twice: a real duplicate
        audit.accept(record(3, 0, 4));
        audit.accept(injected(2, 5, OutgoingRecord.INJECTED_LATE, 1_000));
        audit.accept(injected(2, 6, OutgoingRecord.INJECTED_LATE, 1_000)); // the late record twice
        audit.accept(injected(4, 7, OutgoingRecord.INJECTED_OUT_OF_ORDER, 1_000));
        audit.accept(record(3, 0, 8)); // a real step back (and copy) after the shifted record
        VerifyStatus s = audit.status(Map.of(SHARD_0, new LiveAudit.AckedRecords(5, 0)), true);
        assertEquals(1, s.lost());
        assertEquals(List.of(new VerifyStatus.MissingRecords("p", 0, 3, List.of(0L))), s.firstMissing());
        assertEquals(3, s.duplicates(), "the copy of 1 twice, the late 2 twice, 3 twice");
        assertEquals(1, s.outOfOrder(), "3 after 4");
        assertEquals(new InjectedFaults(2, 1, 1), s.injected(), "each injected sequence once");
        assertEquals(1, audit.summary("t").lost(), "read back after the fact, 0 is a gap below 4");
    }

    @Test
    void aRedeliveryIsNotACopyButASecondCopyIs() {
        LiveAudit audit = new LiveAudit(v -> true);
        audit.accept(record(0, 0, 10));
        audit.accept(record(1, 0, 11));
        audit.accept(record(0, 0, 10)); // read again after a restart or a partition move
        audit.accept(record(1, 0, 11));
        audit.accept(record(1, 1, 40)); // the same sequence again, elsewhere: a copy
        VerifyStatus s = audit.status(Map.of(SHARD_0, new LiveAudit.AckedRecords(2, 0)), true);
        assertNull(s.injected(), "none without spec.faults");
        assertEquals(3, s.records());
        assertEquals(1, s.duplicates());
        assertEquals(0, s.lost());
    }

    @Test
    void unseenAcknowledgedRecordsAreLagUntilTheGraceIsOverThenLost() {
        LiveAudit audit = new LiveAudit(v -> true);
        for (long seq : List.of(0L, 1L, 3L, 6L)) {
            audit.accept(record(seq, 0));
        }
        Map<StreamId, LiveAudit.AckedRecords> acked = Map.of(SHARD_0, new LiveAudit.AckedRecords(8, 1));
        VerifyStatus waiting = audit.status(acked, false);
        assertEquals(3, waiting.lag(), "2, 4, 5, 7 unseen, less the one failed send");
        assertEquals(0, waiting.lost());
        VerifyStatus settled = audit.status(acked, true);
        assertEquals(3, settled.lost());
        assertEquals(0, settled.lag());
        assertEquals(
                List.of(new VerifyStatus.MissingRecords("p", 0, 3, List.of(2L, 4L, 5L, 7L))), settled.firstMissing());
    }

    @Test
    void stepsBackWithinAPartitionForeignAndUndecodableRecordsAreCountedApart() {
        LiveAudit audit = new LiveAudit(v -> v.length > 0);
        audit.accept(record(5, 0, 0));
        audit.accept(record(4, 0, 1));
        audit.accept(record(3, 1, 0)); // another partition: order across partitions means nothing
        audit.accept(new ConsumedRecord(null, -1, -1, -1, 1, new KafkaOffset(1), 0, 0, new byte[] {1}, null));
        audit.accept(new ConsumedRecord("p", 0, 3, 6, 1, new KafkaOffset(2), 0, 0, new byte[0], null));
        VerifyStatus s = audit.status(Map.of(SHARD_0, new LiveAudit.AckedRecords(7, 0)), true);
        assertEquals(1, s.outOfOrder());
        assertEquals(1, s.foreign());
        assertEquals(1, s.undecodable());
        assertEquals(4, s.records(), "foreign records are not loadfleet's");
        assertEquals(3, s.lost(), "0, 1, 2");
        assertEquals(250.0, audit.status(Map.of(), true).e2eLatencyMs().p50(), 0.5, "consume minus event time");
    }

    @Test
    void aReaderStartsAfterItsPositionAndThePositionNeverGoesBack() {
        LiveAudit audit = new LiveAudit(v -> true);
        audit.startAfter(0, new KafkaOffset(9)); // assigned at offset 10
        audit.accept(record(0, 0, 9));
        assertEquals(0, audit.totals().records(), "before the start: not this reader's");
        audit.accept(record(1, 0, 10));
        audit.accept(record(2, 0, 11));
        audit.startAfter(0, new KafkaOffset(5)); // given back at an older position
        audit.accept(record(1, 0, 10));
        assertEquals(2, audit.totals().records(), "read again: counted already");
        assertEquals("12", audit.countedUpTo(0).resumeText(), "after the last record counted");
        audit.startAfter(0, new KafkaOffset(20)); // given back later: another reader counted 12 to 20
        assertEquals("21", audit.countedUpTo(0).resumeText());
    }

    @Test
    void aValueCheckThatFailsLeavesTheRecordUncountedToBeHandedAgain() {
        boolean[] registryUp = {false};
        LiveAudit audit = new LiveAudit(v -> {
            if (!registryUp[0]) {
                throw new IllegalStateException("schema registry did not answer");
            }
            return true;
        });
        assertThrows(IllegalStateException.class, () -> audit.accept(record(0, 0, 0)));
        assertEquals(LiveAudit.Totals.NONE, audit.totals());
        assertNull(audit.countedUpTo(0), "its position is not passed");
        registryUp[0] = true;
        audit.accept(record(0, 0, 0));
        assertEquals(new LiveAudit.Totals(1, 0, 0, 0, 0), audit.totals());
    }

    @Test
    void theLedgerExportsAsTheVerifierReportsIt() {
        LiveAudit audit = new LiveAudit(v -> true);
        assertNull(audit.e2eLatency(), "none before the first record");
        long offset = 0;
        for (long seq : List.of(0L, 1L, 2L, 7L, 7L)) { // 7 twice, at two offsets: a copy
            audit.accept(record(seq, 0, offset++));
        }
        audit.accept(new ConsumedRecord("p", 1, 3, 4, 1, new KafkaOffset(0), 1_000, 1_250, new byte[] {1}, null));
        List<VerifierReport.StreamLedger> ledgers = audit.ledgers();
        assertEquals(2, ledgers.size());
        VerifierReport.StreamLedger shard0 = ledgers.get(0);
        assertEquals(
                List.of("p", 0, 3L, 5L, 1L, 0L),
                List.of(
                        shard0.profile(),
                        shard0.shard(),
                        shard0.epoch(),
                        shard0.records(),
                        shard0.duplicates(),
                        shard0.outOfOrder()));
        assertEquals(RoaringBitmap.bitmapOf(0, 1, 2, 7), BitmapCodec.decode(shard0.seen()));
        assertEquals(
                RoaringBitmap.bitmapOf(4), BitmapCodec.decode(ledgers.get(1).seen()));
        assertEquals(6, HistogramCodec.decode(audit.e2eLatency()).getTotalCount());
    }

    @Test
    void pulsarPositionsOrderByLedgerEntryAndBatchIndex() {
        PulsarMessagePosition entry = new PulsarMessagePosition(new MessageIdImpl(5, 10, 2));
        PulsarMessagePosition first = new PulsarMessagePosition(new BatchMessageIdImpl(5, 11, 2, 0));
        PulsarMessagePosition second = new PulsarMessagePosition(new BatchMessageIdImpl(5, 11, 2, 1));
        PulsarMessagePosition nextLedger = new PulsarMessagePosition(new MessageIdImpl(6, 0, 2));
        List<PulsarMessagePosition> ordered = List.of(entry, first, second, nextLedger);
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertTrue(ordered.get(i).compareTo(ordered.get(i + 1)) < 0, ordered.get(i) + " < " + ordered.get(i + 1));
        }
        LiveAudit audit = new LiveAudit(v -> true);
        audit.accept(new ConsumedRecord("p", 0, 3, 0, 0, first, 0, 0, new byte[] {1}, null));
        audit.accept(new ConsumedRecord("p", 0, 3, 1, 0, second, 0, 0, new byte[] {1}, null));
        audit.accept(new ConsumedRecord("p", 0, 3, 0, 0, first, 0, 0, new byte[] {1}, null)); // the batch read again
        assertEquals(new LiveAudit.Totals(2, 0, 0, 0, 0), audit.totals());
        assertEquals(second.resumeText(), audit.countedUpTo(0).resumeText());
    }
}

package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.status.VerifyStatus;
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
        return new ConsumedRecord("p", 0, 3, seq, partition, new KafkaOffset(offset), 1_000, 1_250, new byte[] {1});
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
        audit.accept(new ConsumedRecord(null, -1, -1, -1, 1, new KafkaOffset(1), 0, 0, new byte[] {1}));
        audit.accept(new ConsumedRecord("p", 0, 3, 6, 1, new KafkaOffset(2), 0, 0, new byte[0]));
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
        audit.accept(new ConsumedRecord("p", 1, 3, 4, 1, new KafkaOffset(0), 1_000, 1_250, new byte[] {1}));
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
        audit.accept(new ConsumedRecord("p", 0, 3, 0, 0, first, 0, 0, new byte[] {1}));
        audit.accept(new ConsumedRecord("p", 0, 3, 1, 0, second, 0, 0, new byte[] {1}));
        audit.accept(new ConsumedRecord("p", 0, 3, 0, 0, first, 0, 0, new byte[] {1})); // the batch read again
        assertEquals(new LiveAudit.Totals(2, 0, 0, 0, 0), audit.totals());
        assertEquals(second.resumeText(), audit.countedUpTo(0).resumeText());
    }
}

package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.status.VerifyStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live ledger's accounting, record by record. */
class LiveAuditTest {
    static final StreamId SHARD_0 = new StreamId("p", 0, 3);

    static ConsumedRecord record(long seq, String partition) {
        return record(seq, partition, seq);
    }

    static ConsumedRecord record(long seq, String partition, long offset) {
        return new ConsumedRecord("p", 0, 3, seq, partition, offset, 1_000, 1_250, new byte[] {1});
    }

    @Test
    void aRedeliveryIsNotACopyButASecondCopyIs() {
        LiveAudit audit = new LiveAudit(v -> true);
        audit.accept(record(0, "0", 10));
        audit.accept(record(1, "0", 11));
        audit.accept(record(0, "0", 10)); // read again after a restart or a partition move
        audit.accept(record(1, "0", 11));
        audit.accept(record(1, "1", 40)); // the same sequence again, elsewhere: a copy
        VerifyStatus s = audit.status(Map.of(SHARD_0, new LiveAudit.AckedRecords(2, 0)), true);
        assertEquals(3, s.records());
        assertEquals(1, s.duplicates());
        assertEquals(0, s.lost());
    }

    @Test
    void unseenAcknowledgedRecordsAreLagUntilTheGraceIsOverThenLost() {
        LiveAudit audit = new LiveAudit(v -> true);
        for (long seq : List.of(0L, 1L, 3L, 6L)) {
            audit.accept(record(seq, "0"));
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
        audit.accept(record(5, "0", 0));
        audit.accept(record(4, "0", 1));
        audit.accept(record(3, "1", 0)); // another partition: order across partitions means nothing
        audit.accept(new ConsumedRecord(null, -1, -1, -1, "1", 1, 0, 0, new byte[] {1}));
        audit.accept(new ConsumedRecord("p", 0, 3, 6, "1", 2, 0, 0, new byte[0]));
        VerifyStatus s = audit.status(Map.of(SHARD_0, new LiveAudit.AckedRecords(7, 0)), true);
        assertEquals(1, s.outOfOrder());
        assertEquals(1, s.foreign());
        assertEquals(1, s.undecodable());
        assertEquals(4, s.records(), "foreign records are not loadfleet's");
        assertEquals(3, s.lost(), "0, 1, 2");
        assertEquals(250.0, audit.status(Map.of(), true).e2eLatencyMs().p50(), 0.5, "consume minus event time");
    }
}

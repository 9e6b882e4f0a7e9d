package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.BitmapCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roaringbitmap.RoaringBitmap;

/** The audit loop with a source in memory: nothing read is skipped when the audit fails, nothing of a partition let go of is counted. */
@Timeout(30)
class AuditLoopTest {

    /** Hands out what a test queued, for the partitions it reads; the loop's thread only, but for the queue. */
    static final class QueuedSource implements PartitionSource {
        final List<ConsumedRecord> queued = new ArrayList<>();
        final Set<Integer> reading = new TreeSet<>();
        boolean closed;

        synchronized void queue(ConsumedRecord r) {
            queued.add(r);
        }

        @Override
        public int partitionCount() {
            return 2;
        }

        @Override
        public int refreshPartitionCount() {
            return 2;
        }

        @Override
        public RecordPosition position(String text) {
            return new KafkaOffset(Long.parseLong(text) - 1);
        }

        @Override
        public Map<Integer, RecordPosition> start(Map<Integer, RecordPosition> after) {
            reading.addAll(after.keySet());
            return after;
        }

        @Override
        public void stop(int partition) {
            reading.remove(partition);
        }

        @Override
        public boolean reads(int partition) {
            return reading.contains(partition);
        }

        @Override
        public synchronized List<ConsumedRecord> read() {
            List<ConsumedRecord> batch = new ArrayList<>(queued);
            queued.clear();
            return batch;
        }

        @Override
        public boolean caughtUp() {
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static ConsumedRecord record(int partition, long offset) {
        return new ConsumedRecord("p", 0, 1, offset, partition, new KafkaOffset(offset), 0, 0, new byte[] {1}, null);
    }

    static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(done.getAsBoolean(), "waited 10 s");
    }

    @Test
    void aRecordTheAuditCouldNotTakeIsHandedAgainBeforeAnythingNew() throws Exception {
        AtomicBoolean registryUp = new AtomicBoolean(false);
        LiveAudit audit = new LiveAudit(value -> {
            if (!registryUp.get()) {
                throw new IllegalStateException("schema registry did not answer");
            }
            return true;
        });
        QueuedSource source = new QueuedSource();
        AuditLoop loop = new AuditLoop(source, audit, "test-audit");
        try {
            loop.call(() -> source.start(Map.of(0, new KafkaOffset(-1))));
            source.queue(record(0, 0));
            source.queue(record(0, 1));
            await(() -> loop.problem() != null);
            assertEquals("schema registry did not answer", loop.problem());
            source.queue(record(0, 2));
            assertEquals(LiveAudit.Totals.NONE, loop.call(audit::totals), "nothing counted while it fails");

            registryUp.set(true);
            await(() -> loop.totals().records() == 3);
            assertNull(loop.problem(), "a read went through");
            assertEquals(
                    RoaringBitmap.bitmapOf(0, 1, 2),
                    BitmapCodec.decode(loop.call(audit::ledgers).get(0).seen()),
                    "none skipped");
            assertEquals(2, ((KafkaOffset) loop.call(() -> audit.countedUpTo(0))).offset());
        } finally {
            loop.close();
        }
        assertTrue(source.closed, "the loop closes its source");
        assertThrows(IllegalStateException.class, () -> loop.call(() -> 1), "no call runs once it has ended");
    }

    @Test
    void recordsHeldForAPartitionLetGoOfAreItsSuccessors() throws Exception {
        AtomicBoolean registryUp = new AtomicBoolean(false);
        LiveAudit audit = new LiveAudit(value -> {
            if (!registryUp.get()) {
                throw new IllegalStateException("schema registry did not answer");
            }
            return true;
        });
        QueuedSource source = new QueuedSource();
        AuditLoop loop = new AuditLoop(source, audit, "test-audit");
        try {
            loop.call(() -> source.start(Map.of(0, new KafkaOffset(-1), 1, new KafkaOffset(-1))));
            source.queue(record(1, 0));
            source.queue(record(0, 0));
            await(() -> loop.problem() != null);
            loop.call(() -> {
                source.stop(1);
                return null;
            });
            registryUp.set(true);
            await(() -> loop.totals().records() == 1);
            assertEquals(0, ((KafkaOffset) loop.call(() -> audit.countedUpTo(0))).offset());
            assertNull(loop.call(() -> audit.countedUpTo(1)), "partition 1's record is left to whoever reads it next");
        } finally {
            loop.close();
        }
    }
}

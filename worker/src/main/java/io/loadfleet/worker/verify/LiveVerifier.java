package io.loadfleet.worker.verify;

import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.sink.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code run --verify}'s consumer: every partition of the run's topic from its end when the run starts, so
 * only what the run sends is audited, on a thread of its own ({@link AuditLoop}).
 */
final class LiveVerifier {
    /** How often {@link #finish} asks whether everything has been read. */
    private static final long CHECK_MILLIS = 50;

    private final PartitionSource source;
    private final LatencySeconds seconds;
    private final LiveAudit audit;
    private final AuditLoop loop;

    private LiveVerifier(PartitionSource source, Predicate<byte[]> decodes) {
        this.source = source;
        this.seconds = new LatencySeconds();
        this.audit = new LiveAudit(decodes, seconds);
        Map<Integer, RecordPosition> atEnd = new TreeMap<>();
        for (int p = 0; p < source.partitionCount(); p++) {
            atEnd.put(p, null);
        }
        source.start(atEnd).forEach(audit::startAfter);
        this.loop = new AuditLoop(source, audit, "live-verify");
    }

    /**
     * Starts reading every partition of {@code source}'s topic from its end now; closes the source when that fails.
     *
     * @param decodes whether a value is a well-formed record of the format
     */
    static LiveVerifier start(PartitionSource source, Predicate<byte[]> decodes) {
        try {
            return new LiveVerifier(source, decodes);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * Once the producers have flushed: reads on until it has consumed everything the topic holds now,
     * or {@code grace} has passed, and says what it found against what they acknowledged.
     *
     * @throws SinkException when the broker failed and not everything could be read
     */
    VerifyStatus finish(Map<StreamId, LiveAudit.AckedRecords> acked, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean caughtUp;
        try {
            while (!(caughtUp = loop.call(source::caughtUp)) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(CHECK_MILLIS);
            }
        } finally {
            loop.close();
        }
        if (!caughtUp && loop.problem() != null) {
            throw new SinkException("live verify: " + loop.problem(), null);
        }
        return audit.status(acked, true);
    }

    /** The end-to-end latency of every second records were consumed in; once {@link #finish} has returned. */
    List<LatencySeconds.Second> perSecond() {
        return seconds.perSecond();
    }
}

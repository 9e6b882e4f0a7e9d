package io.loadfleet.worker.verify;

import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.sink.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A consumer of the run's topic on a thread of its own, from the records that arrive after it
 * started, auditing each as it comes ({@link LiveAudit}); one subclass per broker.
 */
public abstract class LiveVerifier {
    protected final LiveAudit audit;
    private final Thread thread;
    private volatile long finishDeadlineNanos = Long.MAX_VALUE;
    private volatile boolean finishing;
    private volatile SinkException failure;

    protected LiveVerifier(LiveAudit audit) {
        this.audit = audit;
        this.thread = new Thread(this::consume, "live-verify");
        this.thread.setDaemon(true);
    }

    /** Starts the consuming thread; for the subclass once its consumer is positioned. */
    protected final void startConsuming() {
        thread.start();
    }

    /** Audits what arrives within a short wait. */
    protected abstract void consumeSome() throws Exception;

    /** Whether everything the topic holds now has been consumed; first asked once the producers have flushed. */
    protected abstract boolean caughtUp() throws Exception;

    /** A failure of the consumer, in one line naming the broker. */
    protected abstract SinkException failure(Exception e);

    protected abstract void closeConsumer();

    private void consume() {
        try {
            while (!(finishing && (System.nanoTime() > finishDeadlineNanos || caughtUp()))) {
                consumeSome();
            }
        } catch (Exception e) {
            failure = failure(e);
        } finally {
            closeConsumer();
        }
    }

    /**
     * Once the producers have flushed: reads on until it has consumed everything the topic holds now,
     * or {@code grace} has passed, and says what it found against what they acknowledged.
     *
     * @throws SinkException when the consumer failed on the way
     */
    public VerifyStatus finish(Map<StreamId, LiveAudit.AckedRecords> acked, Duration grace)
            throws InterruptedException {
        finishDeadlineNanos = System.nanoTime() + grace.toNanos();
        finishing = true;
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return audit.status(acked, true);
    }

    /** The end-to-end latency of every second records were consumed in; once {@link #finish} has returned. */
    public List<LiveAudit.LatencySecond> perSecond() {
        return audit.perSecond();
    }
}

package io.loadfleet.worker.latency;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Records values (µs) from any number of threads, each into a {@link SingleWriterRecorder} of its own, and hands the
 * reader their sum since its last call. A shard's values come from one or two threads (the shard's, a sink's I/O
 * thread; at an epoch's hand-over, two shard threads for a moment), so a writer never waits on another. HdrHistogram's
 * {@code Recorder} pays atomic updates in its {@code ConcurrentHistogram} on every value: 44 ns a value against 18 ns
 * here (one thread, values of 0.5–20 ms, 2 vCPU Intel Xeon; BENCHMARKS.md, issue 22).
 */
public final class LatencyRecorder {
    private static final int SIGNIFICANT_DIGITS = 3;

    /** A writing thread's recorder; dropped once its thread has ended and what it recorded was taken. */
    private record Stripe(Thread writer, SingleWriterRecorder recorder) {}

    private final List<Stripe> stripes = new CopyOnWriteArrayList<>();
    private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(this::addStripe);

    public void recordValue(long value) {
        mine.get().recordValue(value);
    }

    /** What every thread recorded since the previous call. */
    public synchronized Histogram takeInterval() {
        Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
        for (Stripe stripe : stripes) {
            boolean ended = !stripe.writer().isAlive(); // read first: a thread that has ended records no more
            sum.add(stripe.recorder().getIntervalHistogram());
            if (ended) {
                stripes.remove(stripe);
            }
        }
        return sum;
    }

    private SingleWriterRecorder addStripe() {
        SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        stripes.add(new Stripe(Thread.currentThread(), recorder));
        return recorder;
    }
}

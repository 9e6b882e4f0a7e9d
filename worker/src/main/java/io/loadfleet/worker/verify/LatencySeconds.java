package io.loadfleet.worker.verify;

import io.loadfleet.api.status.LatencyPercentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end latency of each second in which records were consumed, for the chart of a run's
 * report; one row a second, so for a run that ends, not for a pod that verifies on and on.
 */
final class LatencySeconds implements LiveAudit.LatencyListener {
    /** The latencies of the records consumed in the current second, which {@link #perSecond} then gets. */
    private final Histogram secondMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);

    private final List<Second> perSecond = new ArrayList<>();
    private long currentSecond = Long.MIN_VALUE;

    /** One second's end-to-end latency; {@code epochSecond} the consume time's second. */
    record Second(long epochSecond, LatencyPercentiles latencyMs) {}

    @Override
    public void consumed(long consumeTimeMillis, long e2eMicros) {
        long second = consumeTimeMillis / 1000;
        if (second != currentSecond) {
            closeSecond();
            currentSecond = second;
        }
        secondMicros.recordValue(e2eMicros);
    }

    /** Every second records were consumed in, by the consume time's second (epoch seconds), oldest first. */
    List<Second> perSecond() {
        closeSecond();
        return List.copyOf(perSecond);
    }

    private void closeSecond() {
        if (secondMicros.getTotalCount() > 0) {
            perSecond.add(new Second(currentSecond, LatencyPercentiles.ofMicros(secondMicros)));
            secondMicros.reset();
        }
    }
}

package io.loadfleet.operator.coordinate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A fleet's achieved rate: records written a second over about the last {@link #SPAN}, from the
 * cumulative counters of successive passes. Acks come in bursts (a Pulsar batch, a broker pause),
 * so a rate over a single pass would swing widely.
 */
final class RateWindow {
    static final Duration SPAN = Duration.ofSeconds(5);
    private static final long MIN_NANOS = 500_000_000L;

    private final Deque<Sample> samples = new ArrayDeque<>();

    private record Sample(long nanos, long written, long sent) {}

    /** Adds this pass's counters; the rate, or null on the first pass or right after the counters restarted. */
    synchronized Double add(long written, long sent, long nowNanos) {
        Sample newest = samples.peekLast();
        if (newest != null && nowNanos - newest.nanos() < MIN_NANOS) {
            return null; // too soon for a meaningful rate; keep the older samples as the base
        }
        if (newest != null && sent < newest.sent()) {
            samples.clear(); // the pods' counters restarted
        }
        samples.addLast(new Sample(nowNanos, written, sent));
        // the base: the youngest sample at least a window old (or the oldest there is)
        while (samples.size() > 2 && nowNanos - second().nanos() >= SPAN.toNanos()) {
            samples.pollFirst();
        }
        Sample base = samples.peekFirst();
        return samples.size() < 2 ? null : (written - base.written()) * 1e9 / (nowNanos - base.nanos());
    }

    private Sample second() {
        Iterator<Sample> it = samples.iterator();
        it.next();
        return it.next();
    }
}

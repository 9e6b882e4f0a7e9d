package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.SinkCounters;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.FleetLatency;
import io.loadfleet.api.status.LatencyPercentiles;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's figures summed over the pods that answered: counters added, latency histograms merged
 * exactly (HdrHistogram adds bucket by bucket), the longest stall.
 *
 * @param stalledMillis the longest a pod's current send has been waiting on the sink
 * @param latency       null when no pod has measured anything yet
 * @param sinks         each sink's figures summed over the pods, in spec.sink's order
 */
public record FleetTotals(Counters counters, long stalledMillis, FleetLatency latency, List<SinkTotal> sinks) {

    /**
     * One sink's records and publish latency over the fleet.
     *
     * @param publishLatency null while no pod has measured one
     */
    public record SinkTotal(String type, Counters counters, LatencyPercentiles publishLatency) {}

    private static final Logger LOG = LoggerFactory.getLogger(FleetTotals.class);

    public static FleetTotals of(Collection<WorkerStatus> pods) {
        Counters counters = Counters.ZERO;
        long stalledMillis = 0;
        Histogram publishLatency = new Histogram(3);
        Histogram scheduleDelay = new Histogram(3);
        Map<String, Counters> sinkCounters = new LinkedHashMap<>();
        Map<String, Histogram> sinkLatency = new LinkedHashMap<>();
        for (WorkerStatus s : pods) {
            counters = counters.plus(s.counters());
            for (SinkCounters sink : s.sinks()) {
                sinkCounters.merge(sink.type(), sink.counters(), Counters::plus);
                merge(sinkLatency.computeIfAbsent(sink.type(), type -> new Histogram(3)), sink.publishLatency());
            }
            stalledMillis = Math.max(stalledMillis, s.stalledMillis());
            merge(publishLatency, s.latency().publishLatency());
            merge(scheduleDelay, s.latency().scheduleDelay());
        }
        FleetLatency latency = publishLatency.getTotalCount() + scheduleDelay.getTotalCount() == 0
                ? null
                : new FleetLatency(
                        LatencyPercentiles.ofMicros(publishLatency), LatencyPercentiles.ofMicros(scheduleDelay));
        List<SinkTotal> sinks = sinkCounters.entrySet().stream()
                .map(e -> {
                    Histogram h = sinkLatency.get(e.getKey());
                    return new SinkTotal(
                            e.getKey(), e.getValue(), h.getTotalCount() == 0 ? null : LatencyPercentiles.ofMicros(h));
                })
                .toList();
        return new FleetTotals(counters, stalledMillis, latency, sinks);
    }

    /** Adds a pod's histogram; one that does not decode (a pod of another version) is left out, not fatal. */
    private static void merge(Histogram into, String encoded) {
        if (encoded == null) {
            return;
        }
        try {
            into.add(HistogramCodec.decode(encoded));
        } catch (IllegalArgumentException e) {
            LOG.warn("a pod's latency histogram was left out: {}", e.getMessage());
        }
    }
}

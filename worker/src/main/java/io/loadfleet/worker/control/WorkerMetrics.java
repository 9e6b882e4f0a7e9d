package io.loadfleet.worker.control;

import io.loadfleet.api.control.SinkCounters;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.worker.engine.LatencyObserver;
import io.loadfleet.worker.http.PodMeters;
import io.loadfleet.worker.sink.SinkLeg;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The worker's Prometheus metrics. All are read from the worker's own counters when scraped, so
 * metrics cost nothing on the send path.
 */
public final class WorkerMetrics {

    /** The tag that names the sink of a per-sink meter: its member of spec.sink. */
    static final String SINK_TAG = "sink";

    private WorkerMetrics() {}

    /**
     * Registers the worker's meters. Micrometer holds {@code worker} only weakly: the caller keeps
     * it reachable for the process's life (the control server, given the same instance, does).
     *
     * @param sinks the types of the pod's sinks (spec.sink's members): each gets its own record counters
     * @return what feeds the latency histograms: give it to the {@link WorkerService}
     */
    public static LatencyObserver bind(MeterRegistry registry, Supplier<WorkerService> worker, List<String> sinks) {
        counter(
                registry,
                "loadfleet.records.sent",
                "Records handed to the producer",
                worker,
                s -> s.counters().sent());
        counter(
                registry,
                "loadfleet.records.acked",
                "Records the broker acknowledged",
                worker,
                s -> s.counters().acked());
        counter(
                registry,
                "loadfleet.records.errors",
                "Records that failed to send",
                worker,
                s -> s.counters().errors());
        for (String sink : sinks) {
            sinkCounter(
                    registry,
                    "loadfleet.sink.records.sent",
                    "Records handed to this sink",
                    worker,
                    sink,
                    c -> c.counters().sent());
            sinkCounter(
                    registry,
                    "loadfleet.sink.records.acked",
                    "Records this sink acknowledged",
                    worker,
                    sink,
                    c -> c.counters().acked());
            sinkCounter(
                    registry,
                    "loadfleet.sink.records.errors",
                    "Records this sink failed",
                    worker,
                    sink,
                    c -> c.counters().errors());
        }
        gauge(
                registry,
                "loadfleet.target.rate",
                "Scheduled send rate now, records per second",
                worker,
                WorkerStatus::targetRate);
        gauge(registry, "loadfleet.epoch", "Epoch of the running assignment (0: none)", worker, s -> s.epoch());
        PodMeters.bindJvm(registry);
        Timer publish = PodMeters.latencyTimer(
                registry,
                "loadfleet.publish.latency",
                "From the scheduled send time to the broker's ack (no coordinated omission)");
        Timer delay = PodMeters.latencyTimer(
                registry, "loadfleet.schedule.delay", "How late records left: actual minus scheduled send time");
        return new LatencyObserver() {
            @Override
            public void publishLatency(long nanos) {
                publish.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void scheduleDelay(long nanos) {
                delay.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    /**
     * Has each of several sinks' publish latencies recorded in its own timer, tagged with the sink; with one sink,
     * {@code loadfleet.publish.latency} is its.
     */
    public static void observeSinks(MeterRegistry registry, List<SinkLeg> legs) {
        for (SinkLeg leg : legs) {
            Timer timer = PodMeters.latencyTimer(
                    registry,
                    "loadfleet.sink.publish.latency",
                    "From the scheduled send time to this sink's ack",
                    Tags.of(SINK_TAG, leg.type()));
            leg.observeLatency(nanos -> timer.record(nanos, TimeUnit.NANOSECONDS));
        }
    }

    private static void sinkCounter(
            MeterRegistry registry,
            String name,
            String help,
            Supplier<WorkerService> worker,
            String sink,
            ToDoubleFunction<SinkCounters> value) {
        FunctionCounter.builder(name, worker, w -> {
                    if (w.get() == null) {
                        return 0;
                    }
                    return w.get().status().sinks().stream()
                            .filter(c -> c.type().equals(sink))
                            .mapToDouble(value)
                            .sum();
                })
                .description(help)
                .tag(SINK_TAG, sink)
                .register(registry);
    }

    private static void counter(
            MeterRegistry registry,
            String name,
            String help,
            Supplier<WorkerService> worker,
            ToDoubleFunction<WorkerStatus> value) {
        FunctionCounter.builder(
                        name,
                        worker,
                        w -> w.get() == null ? 0 : value.applyAsDouble(w.get().status()))
                .description(help)
                .register(registry);
    }

    private static void gauge(
            MeterRegistry registry,
            String name,
            String help,
            Supplier<WorkerService> worker,
            ToDoubleFunction<WorkerStatus> value) {
        Gauge.builder(
                        name,
                        worker,
                        w -> w.get() == null ? 0 : value.applyAsDouble(w.get().status()))
                .description(help)
                .register(registry);
    }
}

package io.loadfleet.worker.control;

import io.loadfleet.api.control.WorkerStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The worker's Prometheus metrics. All are read from the worker's own counters when scraped, so
 * metrics cost nothing on the send path.
 */
public final class WorkerMetrics {

    private WorkerMetrics() {
    }

    /**
     * Registers the worker's meters. Micrometer holds {@code worker} only weakly: the caller keeps
     * it reachable for the process's life (the control server, given the same instance, does).
     */
    public static void bind(MeterRegistry registry, Supplier<WorkerService> worker) {
        counter(registry, "loadfleet.records.sent", "Records handed to the producer", worker, s -> s.sent());
        counter(registry, "loadfleet.records.acked", "Records the broker acknowledged", worker, s -> s.acked());
        counter(registry, "loadfleet.records.errors", "Records that failed to send", worker, s -> s.errors());
        gauge(registry, "loadfleet.target.rate", "Scheduled send rate now, records per second", worker, WorkerStatus::targetRate);
        gauge(registry, "loadfleet.epoch", "Epoch of the running assignment (0: none)", worker, s -> s.epoch());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private static void counter(MeterRegistry registry, String name, String help, Supplier<WorkerService> worker,
            ToDoubleFunction<WorkerStatus> value) {
        FunctionCounter.builder(name, worker, w -> w.get() == null ? 0 : value.applyAsDouble(w.get().status()))
                .description(help).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String help, Supplier<WorkerService> worker,
            ToDoubleFunction<WorkerStatus> value) {
        Gauge.builder(name, worker, w -> w.get() == null ? 0 : value.applyAsDouble(w.get().status()))
                .description(help).register(registry);
    }
}

package io.loadfleet.worker.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.time.Duration;

/** What every pod's Prometheus metrics share: the JVM's meters, and latencies as histograms. */
public final class PodMeters {
    private PodMeters() {}

    /** Memory, GC and CPU. */
    public static void bindJvm(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /**
     * A latency as a Prometheus histogram (_bucket series), so dashboards can take any quantile over any
     * window and sum them over the fleet's pods. Recording costs tens of ns.
     */
    public static Timer latencyTimer(MeterRegistry registry, String name, String help) {
        return latencyTimer(registry, name, help, Tags.empty());
    }

    public static Timer latencyTimer(MeterRegistry registry, String name, String help, Tags tags) {
        return Timer.builder(name)
                .description(help)
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }
}

package io.loadfleet.worker.verify;

import io.loadfleet.worker.http.PodMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** A verifier pod's Prometheus metrics: what it counted, read when scraped, and the end-to-end latency. */
final class VerifierMetrics {
    private VerifierMetrics() {}

    /**
     * Registers the verifier's meters. Micrometer holds {@code totals} only weakly: the caller keeps it
     * reachable for the process's life.
     *
     * @return what feeds the latency histogram: give it to the {@link LiveAudit}
     */
    static LiveAudit.LatencyListener bind(MeterRegistry registry, Supplier<LiveAudit.Totals> totals) {
        counter(registry, "loadfleet.verify.records", "Loadfleet records counted", totals, LiveAudit.Totals::records);
        counter(
                registry,
                "loadfleet.verify.duplicates",
                "Second copies of a record, at a new position",
                totals,
                LiveAudit.Totals::duplicates);
        counter(
                registry,
                "loadfleet.verify.out.of.order",
                "Steps back in a stream's sequence within one partition",
                totals,
                LiveAudit.Totals::outOfOrder);
        counter(
                registry,
                "loadfleet.verify.foreign",
                "Records without loadfleet's identity",
                totals,
                LiveAudit.Totals::foreign);
        counter(
                registry,
                "loadfleet.verify.undecodable",
                "Loadfleet records whose value is not a well-formed record of the format",
                totals,
                LiveAudit.Totals::undecodable);
        PodMeters.bindJvm(registry);
        Timer e2e = PodMeters.latencyTimer(
                registry, "loadfleet.verify.e2e.latency", "Consume time minus event time (the scheduled send time)");
        return (consumeTimeMillis, e2eMicros) -> e2e.record(e2eMicros, TimeUnit.MICROSECONDS);
    }

    private static void counter(
            MeterRegistry registry,
            String name,
            String help,
            Supplier<LiveAudit.Totals> totals,
            ToLongFunction<LiveAudit.Totals> value) {
        FunctionCounter.builder(name, totals, t -> value.applyAsLong(t.get()))
                .description(help)
                .register(registry);
    }
}

package io.loadfleet.operator.verify;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.status.VerifyStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * status.verify of every verified fleet as Prometheus gauges on the operator's /metrics, tagged with
 * the LoadProfile's namespace and name, so an alert can fire on {@code loadfleet_verify_lost_records > 0}.
 */
public final class VerifyMetrics {
    private final MeterRegistry registry;
    private final Map<String, Fleet> fleets = new ConcurrentHashMap<>();

    public VerifyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final class Fleet {
        volatile VerifyStatus status;
        List<Gauge> gauges;
    }

    void record(LoadProfile profile, VerifyStatus status) {
        Fleet fleet = fleets.computeIfAbsent(profile.getMetadata().getUid(), uid -> register(profile));
        fleet.status = status;
    }

    private Fleet register(LoadProfile profile) {
        Fleet fleet = new Fleet();
        Tags tags = Tags.of(
                "namespace",
                profile.getMetadata().getNamespace(),
                "profile",
                profile.getMetadata().getName());
        fleet.gauges = List.of(
                gauge("loadfleet_verify_records", "records the verifiers consumed", tags, fleet, VerifyStatus::records),
                gauge(
                        "loadfleet_verify_lost_records",
                        "acked records not consumed within the grace period",
                        tags,
                        fleet,
                        VerifyStatus::lost),
                gauge(
                        "loadfleet_verify_duplicate_records",
                        "records consumed more than once",
                        tags,
                        fleet,
                        VerifyStatus::duplicates),
                gauge(
                        "loadfleet_verify_out_of_order_records",
                        "steps back in a stream within a partition",
                        tags,
                        fleet,
                        VerifyStatus::outOfOrder),
                gauge("loadfleet_verify_lag_records", "acked records not consumed yet", tags, fleet, VerifyStatus::lag),
                gauge(
                        "loadfleet_verify_e2e_latency_p99_ms",
                        "end-to-end latency, 99th percentile",
                        tags,
                        fleet,
                        s -> s.e2eLatencyMs().p99()));
        return fleet;
    }

    private Gauge gauge(String name, String help, Tags tags, Fleet fleet, ToDoubleFunction<VerifyStatus> value) {
        return Gauge.builder(name, fleet, f -> f.status == null ? Double.NaN : value.applyAsDouble(f.status))
                .description(help)
                .tags(tags)
                .register(registry);
    }

    void forget(LoadProfile profile) {
        remove(profile.getMetadata().getUid());
    }

    void retainOnly(Set<String> fleetIds) {
        Set.copyOf(fleets.keySet()).stream()
                .filter(id -> !fleetIds.contains(id))
                .forEach(this::remove);
    }

    private void remove(String uid) {
        Fleet fleet = fleets.remove(uid);
        if (fleet != null) {
            fleet.gauges.forEach(registry::remove);
        }
    }
}

package io.loadfleet.operator.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.operator.TestProfiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** status.verify of each verified fleet is on the operator's /metrics, and goes with the fleet. */
class VerifyMetricsTest {
    @Test
    void aFleetsVerdictIsScrapedUnderItsNameUntilItIsForgotten() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VerifyMetrics metrics = new VerifyMetrics(registry);
        LoadProfile profile = TestProfiles.withSpec(TestProfiles.SMART_METER_SPEC);

        metrics.record(
                profile,
                new VerifyStatus(
                        1000, 5, 3, 0, 0, 0, 7, new LatencyPercentiles(1000, 20, 90, 120, 150), List.of(), 2L, null));

        String scraped = registry.scrape();
        assertTrue(scraped.contains("loadfleet_verify_lost_records{namespace=\"test\",profile=\"grid\"} 5.0"), scraped);
        assertTrue(
                scraped.contains("loadfleet_verify_duplicate_records{namespace=\"test\",profile=\"grid\"} 3.0"),
                scraped);
        assertTrue(scraped.contains("loadfleet_verify_lag_records{namespace=\"test\",profile=\"grid\"} 7.0"), scraped);
        assertTrue(
                scraped.contains("loadfleet_verify_e2e_latency_p99_ms{namespace=\"test\",profile=\"grid\"} 90.0"),
                scraped);

        metrics.retainOnly(Set.of());
        assertFalse(registry.scrape().contains("loadfleet_verify_"), "a deleted fleet's gauges go");
    }
}

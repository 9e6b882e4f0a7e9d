package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;

import io.loadfleet.worker.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A figure for BENCHMARKS.md, not a test (nothing here asserts a time): from {@code kubectl patch}
 * of targetRate to every pod running the new rate, on the real control plane. Run with
 * {@code ./mvnw -B -pl operator -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=EditLatencyBenchmarkIT -Dgroups=benchmark -DexcludedTestGroups=none}.
 */
@Tag("benchmark")
@Timeout(900)
class EditLatencyBenchmarkIT {

    @Test
    void targetRateEditToAllPodsOnTheNewEpoch() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            RealFleet fleet = new RealFleet("edits");
            fleet.apply(RealFleet.profile("edits", 4_000, 4, """
                      generator: {type: temperature}
                      sink: {kafka: {bootstrapServers: "%s", topic: edits}}
                    """.formatted(kafka.bootstrapServers())));
            fleet.awaitRunning("edits", 4_000, 4);
            List<Double> millis = new ArrayList<>();
            for (int edit = 1; edit <= 20; edit++) {
                long rate = 4000 + 400L * edit;
                long start = System.nanoTime();
                fleet.patch("edits", "{\"spec\":{\"targetRate\":" + rate + "}}");
                await(
                        Duration.ofSeconds(10),
                        () -> fleet.allWorkers("edits", 4, w -> w.targetRate() == rate / 4),
                        () -> "edit not applied: " + fleet.workers("edits"));
                millis.add((System.nanoTime() - start) / 1e6);
                RealFleet.sleep(300);
            }
            List<Double> sorted = millis.stream().sorted().toList();
            System.out.printf(
                    Locale.ROOT,
                    "BENCH kubectl patch -> all 4 pods at the new rate over 20 edits (real control plane): "
                            + "p50 %.0f ms, max %.0f ms, all %s%n",
                    sorted.get(9),
                    sorted.get(19),
                    sorted.stream()
                            .map(m -> String.format(Locale.ROOT, "%.0f", m))
                            .toList());
            fleet.deleteAndAwaitGone("edits");
        }
    }
}

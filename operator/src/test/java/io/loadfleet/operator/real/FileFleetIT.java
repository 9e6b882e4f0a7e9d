package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static io.loadfleet.operator.real.RealFleet.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.coordinate.FleetCoordinator;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fleet writing Parquet files on the real control plane, each pod into /tmp, its emptyDir under a
 * read-only root filesystem. Records count as acked only when their file ends (after rollSeconds,
 * 60 by default): the pods report them as written, so the operator reports the rate they are
 * written at and no backpressure while acked trails; pausing ends the files, and acked then counts
 * every record, as the files in the pods' volumes do.
 */
@Timeout(600)
class FileFleetIT {
    static final long RATE = 2000;

    @Test
    void writtenRecordsNotYetAckedAreNeitherBackpressureNorMissingFromTheRateAndPausingAcksThemAll() throws Exception {
        RealFleet fleet = new RealFleet("files");
        fleet.apply("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: lake}
                spec:
                  targetRate: %d
                  replicas: 2
                  devices: {count: 100}
                  generator: {type: transaction}
                  sink: {file: {path: /tmp/lake, format: parquet}}
                """.formatted(RATE));
        await(
                WAIT,
                () -> fleet.phase("lake") == Phase.Running
                        && fleet.status("lake").getSent() > 0,
                () -> fleet.describe("lake"));
        // past start-up and one whole achievedRate window: from here on the rate spans only steady sending
        sleep(4_000 + FleetCoordinator.RATE_WINDOW.toMillis());
        List<Double> rates = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        LoadProfileStatus last = null;
        while (System.nanoTime() < end) {
            last = fleet.status("lake");
            Condition degraded = last.getConditions().stream()
                    .filter(c -> Condition.DEGRADED.equals(c.getType()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("False", degraded.getStatus(), "Degraded: " + degraded.getMessage());
            rates.add(last.getAchievedRate());
            sleep(2_000);
        }
        assertEquals(0, last.getAcked(), "a Parquet file's records count when it ends, a minute after it began");
        assertTrue(last.getSent() > 10 * RATE, "sent " + last.getSent());
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(RATE, mean, RATE * 0.03, "achievedRate counts records as written: " + rates);

        long acked = fleet.pauseAndSettle("lake");
        long rows = 0;
        List<Pod> pods = fleet.pods("lake");
        for (int shard = 0; shard < pods.size(); shard++) {
            Path dir = fleet.cluster.podVolume(pods.get(shard), "tmp").resolve("lake");
            rows += StoredRows.shard(dir, shard, FileFormat.PARQUET, Generators.schema(GeneratorType.TRANSACTION))
                    .size();
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(
                        List.of(),
                        files.filter(f -> f.toString().endsWith(".inprogress")).toList());
            }
        }
        assertEquals(acked, rows, "status.acked is what the finished files in the pods' volumes hold");
        System.out.printf(
                Locale.ROOT,
                "real file fleet: achievedRate %s while acked stayed 0; paused: %d rows acked and in files%n",
                rates,
                rows);
        fleet.deleteAndAwaitGone("lake");
    }
}

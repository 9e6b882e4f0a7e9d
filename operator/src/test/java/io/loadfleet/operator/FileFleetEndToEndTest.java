package io.loadfleet.operator;

import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.sink.file.StoredRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fleet writing Parquet files, whose records count as acked only when their file ends (after
 * rollSeconds, 60 by default): the pods report them as written, so the operator reports the rate
 * they are written at and no backpressure while acked trails; pausing ends the files, and
 * acked then counts every record, as the files do.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(180)
class FileFleetEndToEndTest {
    static final long RATE = 2000;
    KubernetesClient client;
    /** Under /tmp, the only path a cluster's worker pods can write to. */
    Path dir;

    @BeforeEach
    void directory() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "loadfleet-files-e2e-");
    }

    @AfterEach
    void removeDirectory() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    String profile(String extra) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: lake, namespace: test}
                spec:
                  targetRate: %d
                  replicas: 2
                  devices: {count: 100}
                  generator: {type: transaction}
                  sink: {file: {path: %s, format: parquet}}
                """.formatted(RATE, dir) + extra;
    }

    @Test
    void writtenRecordsNotYetAckedAreNeitherBackpressureNorMissingFromTheRateAndPausingAcksThemAll() throws Exception {
        int port = FleetEndToEndTest.freePort();
        try (OperatorFixture operator = new OperatorFixture(client, port);
                ClusterSimulator cluster = new ClusterSimulator(client, "test", port)) {
            operator.apply(profile(""));
            await(FleetEndToEndTest.WAIT, () -> FleetEndToEndTest.phase(operator, "lake") == Phase.Running
                    && FleetEndToEndTest.sentByPods(cluster) > 0, () -> FleetEndToEndTest.status(operator, "lake"));
            // Past start-up and one whole achievedRate window: from here on the rate spans only steady sending.
            Thread.sleep(4_000 + io.loadfleet.operator.fleet.FleetCoordinator.RATE_WINDOW.toMillis());
            List<Double> rates = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            LoadProfileStatus last = null;
            while (System.nanoTime() < end) {
                last = operator.get("lake").getStatus();
                assertEquals("False", degraded(last).getStatus(), "Degraded: " + degraded(last).getMessage());
                rates.add(last.getAchievedRate());
                Thread.sleep(2_000);
            }
            assertEquals(0, last.getAcked(), "a Parquet file's records count when it ends, a minute after it began");
            assertTrue(last.getSent() > 10 * RATE, "sent " + last.getSent());
            double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertEquals(RATE, mean, RATE * 0.03, "achievedRate counts records as written: " + rates);

            long acked = FleetEndToEndTest.pauseAndSettle(operator, cluster, profile("  paused: true\n"));
            long rows = 0;
            for (int shard = 0; shard < 2; shard++) {
                rows += StoredRows.shard(dir, shard, FileFormat.PARQUET, Generators.schema(GeneratorType.TRANSACTION)).size();
            }
            assertEquals(acked, rows, "status.acked is what the finished files hold");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".inprogress")).toList());
            }
            System.out.printf(Locale.ROOT, "file fleet: achievedRate %s while acked stayed 0; paused: %d rows acked and in files%n",
                    rates, rows);
        }
    }

    private static Condition degraded(LoadProfileStatus status) {
        return status.getConditions().stream().filter(c -> Condition.DEGRADED.equals(c.getType())).findFirst().orElseThrow();
    }
}

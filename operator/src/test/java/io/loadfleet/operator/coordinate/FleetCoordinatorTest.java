package io.loadfleet.operator.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.FleetLatency;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.operator.TestProfiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pass over pods that answer over HTTP on loopback: observe, decide, act and summarise together. */
@Timeout(60)
class FleetCoordinatorTest {
    static final long NOW = 1_800_000_000_000L;

    @Test
    void twoHundredPodsWithFiveHungTakeOnePassDeadlineNotFiveTimeouts() throws Exception {
        Duration deadline = Duration.ofSeconds(3);
        try (FakeWorkerPods fake = new FakeWorkerPods()) {
            List<FleetPod> pods = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                pods.add(i % 40 == 7 ? fake.hung(i) : fake.answering(i, running(i, 100, null)));
            }
            FleetCoordinator coordinator = new FleetCoordinator(new WorkerClient(), deadline, () -> NOW);
            AppliedEpoch applied = new AppliedEpoch(
                    4,
                    DesiredPlan.of(TestProfiles.smartMeter(20_000, false).getSpec(), 200)
                            .fingerprint(),
                    200,
                    NOW,
                    NOW);

            long start = System.nanoTime();
            FleetReport report = coordinator.coordinate(
                    "fleet",
                    DesiredPlan.of(TestProfiles.smartMeter(20_000, false).getSpec(), 200),
                    applied,
                    pods,
                    System.nanoTime());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(200, report.observation().readyPods());
            assertEquals(195, report.observation().answering().size());
            assertEquals(5, report.observation().unreachable());
            assertEquals(195 * 100, report.totals().counters().sent());
            // Asked one after another, the five hung pods alone would take five deadlines.
            assertTrue(took.compareTo(deadline.multipliedBy(3)) < 0, "one pass took " + took);
        }
    }

    @Test
    void theFleetsLatencyIsThePodsHistogramsAddedUpAndItsCountersTheirSum() throws Exception {
        Histogram all = new Histogram(3);
        try (FakeWorkerPods fake = new FakeWorkerPods()) {
            List<FleetPod> pods = new ArrayList<>();
            for (int pod = 0; pod < 3; pod++) {
                Histogram mine = new Histogram(3);
                for (int v = 1; v <= 1_000 * (pod + 1); v++) {
                    mine.recordValue(v * (pod + 1L) * 7);
                }
                all.add(mine);
                pods.add(fake.answering(
                        pod,
                        new WorkerStatus(
                                "grid",
                                WorkerState.RUNNING,
                                4,
                                new WorkerStatus.ShardRange(pod, 3, 0, 1),
                                100,
                                new Counters(1_000L * pod, 900L * pod, 800L * pod, pod, pod == 1 ? "timeout" : null),
                                10L * pod,
                                new WorkerStatus.Histograms(HistogramCodec.encode(mine), HistogramCodec.encode(mine)),
                                List.of(),
                                List.of())));
            }
            DesiredPlan plan =
                    DesiredPlan.of(TestProfiles.smartMeter(300, false).getSpec(), 3);
            FleetReport report = new FleetCoordinator(new WorkerClient(), Duration.ofSeconds(5), () -> NOW)
                    .coordinate("fleet", plan, new AppliedEpoch(4, plan.fingerprint(), 3, NOW, NOW), pods, 0);

            assertEquals(
                    new FleetLatency(LatencyPercentiles.ofMicros(all), LatencyPercentiles.ofMicros(all)),
                    report.totals().latency());
            assertEquals(
                    new Counters(3_000, 2_700, 2_400, 3, "timeout"),
                    report.totals().counters());
            assertEquals(20, report.totals().stalledMillis());
        }
    }

    @Test
    void aNewEpochReachesEveryPodAndIsAppliedOnlyOnceAllOfThePlanTookIt() throws Exception {
        try (FakeWorkerPods fake = new FakeWorkerPods()) {
            List<FleetPod> pods = List.of(fake.answering(0, idle()), fake.answering(1, idle()), fake.hung(2));
            FleetCoordinator coordinator = new FleetCoordinator(new WorkerClient(), Duration.ofSeconds(1), () -> NOW);

            FleetReport twoPods = coordinator.coordinate(
                    "fleet",
                    DesiredPlan.of(TestProfiles.smartMeter(2_000, false).getSpec(), 2),
                    AppliedEpoch.none(NOW),
                    pods.subList(0, 2),
                    0);
            assertTrue(twoPods.newEpoch());
            assertEquals(1, twoPods.applied().epoch());
            assertEquals(
                    List.of(1L, 1L),
                    fake.received.values().stream().map(r -> r.get(0).epoch()).toList());

            FleetReport threePods = coordinator.coordinate(
                    "fleet",
                    DesiredPlan.of(TestProfiles.smartMeter(3_000, false).getSpec(), 3),
                    twoPods.applied(),
                    pods,
                    1_000_000_000L);
            assertFalse(threePods.newEpoch());
            assertTrue(threePods.waiting(), "pod 2 of the plan does not answer");
            assertEquals(twoPods.applied(), threePods.applied());
            assertNull(twoPods.achievedRate(), "no rate from a single pass");
        }
    }

    private static WorkerStatus idle() {
        return new WorkerStatus(
                "grid",
                WorkerState.IDLE,
                0,
                WorkerStatus.ShardRange.NONE,
                0,
                Counters.ZERO,
                0,
                WorkerStatus.Histograms.NONE,
                List.of(),
                List.of());
    }

    private static WorkerStatus running(int shard, long sent, String error) {
        return new WorkerStatus(
                "grid",
                WorkerState.RUNNING,
                4,
                new WorkerStatus.ShardRange(shard, 200, 0, 1),
                100,
                new Counters(sent, sent, sent, 0, error),
                0,
                WorkerStatus.Histograms.NONE,
                List.of(),
                List.of());
    }
}

package io.loadfleet.api.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.DevicesSpec;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.spec.StageSpec;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FleetPlanTest {

    static LoadProfileSpec spec(long rate, Integer replicas, long devices) {
        LoadProfileSpec spec = new LoadProfileSpec();
        spec.setTargetRate(rate);
        spec.setReplicas(replicas);
        DevicesSpec d = new DevicesSpec();
        d.setCount(devices);
        spec.setDevices(d);
        return spec;
    }

    @Test
    void ratesSumExactlyAndDifferByAtMostOne() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 2_000; trial++) {
            long rate = random.nextLong(0, 5_000_000);
            int n = random.nextInt(1, 300);
            long devices = random.nextLong(n, 10_000_000);
            FleetPlan plan = FleetPlan.of(spec(rate, n, devices), null);
            assertEquals(n, plan.replicas());
            long sum = plan.shards().stream().mapToLong(ShardPlan::rate).sum();
            assertEquals(rate, sum, "sum of shard rates");
            long min = plan.shards().stream().mapToLong(ShardPlan::rate).min().orElseThrow();
            long max = plan.shards().stream().mapToLong(ShardPlan::rate).max().orElseThrow();
            assertTrue(max - min <= 1, "rates differ by at most one");
        }
    }

    @Test
    void deviceRangesAreContiguousDisjointAndCoverThePool() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = random.nextInt(1, 300);
            long devices = random.nextLong(n, 10_000_000);
            List<ShardPlan> shards = FleetPlan.of(spec(1000, n, devices), null).shards();
            long expectedStart = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (ShardPlan s : shards) {
                assertEquals(expectedStart, s.deviceStart(), "shard " + s.index() + " starts where the previous ended");
                assertTrue(s.deviceCount() >= 1);
                expectedStart = s.deviceEnd();
                min = Math.min(min, s.deviceCount());
                max = Math.max(max, s.deviceCount());
            }
            assertEquals(devices, expectedStart, "ranges cover the pool");
            assertTrue(max - min <= 1, "sizes differ by at most one");
        }
    }

    @Test
    void issueExampleSplitsThirtyThousandOverThreePods() {
        FleetPlan plan = FleetPlan.of(spec(30_000, 3, 17_000), null);
        assertEquals(
                List.of(10_000L, 10_000L, 10_000L),
                plan.shards().stream().map(ShardPlan::rate).toList());
        assertEquals(
                List.of(0L, 5667L, 11334L),
                plan.shards().stream().map(ShardPlan::deviceStart).toList());
        assertEquals(17_000, plan.shards().get(2).deviceEnd());
    }

    @Test
    void firstShardsTakeTheRemainder() {
        FleetPlan plan = FleetPlan.of(spec(10, 4, 10), null);
        assertEquals(
                List.of(3L, 3L, 2L, 2L),
                plan.shards().stream().map(ShardPlan::rate).toList());
        assertEquals(
                List.of(0L, 3L, 6L, 8L),
                plan.shards().stream().map(ShardPlan::deviceStart).toList());
    }

    @Test
    void replicasDeriveFromPeakRateAndMaxRatePerPod() {
        assertEquals(1, FleetPlan.replicasFor(spec(0, null, 10)));
        assertEquals(1, FleetPlan.replicasFor(spec(50_000, null, 10)));
        assertEquals(2, FleetPlan.replicasFor(spec(50_001, null, 10)));
        LoadProfileSpec ramp = spec(10_000, null, 10);
        ramp.setStages(List.of(new StageSpec("1m", 120_000L), new StageSpec("1m", 10_000L)));
        assertEquals(3, FleetPlan.replicasFor(ramp), "the ramp's peak decides");
        ramp.setMaxRatePerPod(1_000L);
        assertEquals(120, FleetPlan.replicasFor(ramp));
    }

    @Test
    void stagesAreSplitPerShardLikeTheRate() {
        LoadProfileSpec spec = spec(100, 3, 30);
        spec.setStages(List.of(new StageSpec("2m", 10L), new StageSpec("30s", 7L)));
        FleetPlan plan = FleetPlan.of(spec, null);
        for (int stage = 0; stage < 2; stage++) {
            int s = stage;
            long sum = plan.shards().stream()
                    .mapToLong(sh -> sh.stages().get(s).rate())
                    .sum();
            assertEquals(spec.getStages().get(stage).getTargetRate(), sum);
        }
        assertEquals(Duration.ofMinutes(2), plan.shards().get(1).stages().get(0).duration());
        assertEquals(
                List.of(4L, 3L, 3L),
                plan.shards().stream().map(sh -> sh.stages().get(0).rate()).toList());
    }

    @Test
    void overrideReplaceSpecReplicas() {
        assertEquals(5, FleetPlan.of(spec(100, 3, 30), 5).replicas());
    }

    @Test
    void countIsSplitExactlyLikeTheRate() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = random.nextInt(1, 300);
            long count = random.nextLong(1, 1_000_000_000_000L);
            LoadProfileSpec spec = spec(1000, n, 10_000);
            spec.setCount(count);
            List<ShardPlan> shards = FleetPlan.of(spec, null).shards();
            assertEquals(count, shards.stream().mapToLong(ShardPlan::count).sum(), "the parts add up to spec.count");
            long min = shards.stream().mapToLong(ShardPlan::count).min().orElseThrow();
            long max = shards.stream().mapToLong(ShardPlan::count).max().orElseThrow();
            assertTrue(max - min <= 1, "parts differ by at most one");
        }
        assertEquals(
                null, FleetPlan.of(spec(1000, 3, 100), null).shards().get(0).count(), "no spec.count, no limit");
    }
}

package io.loadfleet.api.plan;

import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * How a (valid) spec is split over its pods: an exact integer split of every rate and of spec.count,
 * and a contiguous, disjoint split of the device pool. Pure: the operator and local {@code run} agree.
 */
public record FleetPlan(long targetRate, List<ShardPlan> shards) {

    public int replicas() {
        return shards.size();
    }

    /** The plan for {@code replicasOverride} pods, or for the spec's own replica count when null. */
    public static FleetPlan of(LoadProfileSpec spec, Integer replicasOverride) {
        int n = replicasOverride != null ? replicasOverride : replicasFor(spec);
        long devices = spec.getDevices().getCount();
        List<ShardPlan> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = partStart(devices, n, i);
            List<StagePlan> stages = new ArrayList<>(spec.getStages().size());
            for (StageSpec s : spec.getStages()) {
                stages.add(new StagePlan(Durations.require(s.getDuration()), share(s.getTargetRate(), n, i)));
            }
            shards.add(new ShardPlan(
                    i,
                    share(spec.getTargetRate(), n, i),
                    start,
                    partStart(devices, n, i + 1),
                    List.copyOf(stages),
                    spec.getCount() == null ? null : share(spec.getCount(), n, i)));
        }
        return new FleetPlan(spec.getTargetRate(), List.copyOf(shards));
    }

    /** spec.replicas, or enough pods for the peak rate (targetRate or any stage) at maxRatePerPod. */
    public static int replicasFor(LoadProfileSpec spec) {
        if (spec.getReplicas() != null) {
            return spec.getReplicas();
        }
        long pods = ceilDiv(peakRate(spec), spec.effectiveMaxRatePerPod());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, pods));
    }

    /** The highest fleet rate the spec asks for at any time. */
    public static long peakRate(LoadProfileSpec spec) {
        long peak = spec.getTargetRate();
        for (StageSpec s : spec.getStages()) {
            peak = Math.max(peak, s.getTargetRate());
        }
        return peak;
    }

    /** Shard i's part of {@code total}: floor(total/n), plus one for the first total mod n shards. */
    static long share(long total, int n, int i) {
        return total / n + (i < total % n ? 1 : 0);
    }

    /** Where shard i's part of [0, total) starts; parts differ in size by at most one. */
    static long partStart(long total, int n, int i) {
        return i * (total / n) + Math.min(i, total % n);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}

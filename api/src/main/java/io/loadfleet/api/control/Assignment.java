package io.loadfleet.api.control;

import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.plan.StagePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator pushes to one worker pod ({@code PUT /assignment}): its shard of the fleet
 * plan under an epoch number. Everything that may change while the fleet runs lives here and not
 * in the pod template, so changing it restarts nothing.
 *
 * @param epoch           grows with every change of the fleet's plan; a worker ignores older ones
 * @param shard           this pod's index in [0, shards)
 * @param rate            messages/second after the stages
 * @param deviceStart     first device of the half-open range [deviceStart, deviceEnd)
 * @param stages          the ramp, timed from {@code startTimeMillis}
 * @param startTimeMillis epoch ms at which the fleet's schedule (and so stage 0) began
 * @param endTimeMillis   epoch ms at which sending stops (spec.duration); null for no end
 * @param paused          send nothing while true
 * @param effectiveTimeMillis epoch ms at which every pod switches to this epoch together, so a
 *                        push that reaches the pods one after another still changes the fleet at
 *                        one instant; the previous epoch runs until then. Null: at once
 * @param count           this shard's part of spec.count: the records it sends in all, over every epoch of the
 *                        same part (a rate change keeps it, the pod counts on); null for no limit
 */
public record Assignment(
        long epoch,
        int shard,
        int shards,
        long rate,
        long deviceStart,
        long deviceEnd,
        List<Stage> stages,
        long startTimeMillis,
        Long endTimeMillis,
        boolean paused,
        Long effectiveTimeMillis,
        Long count) {

    /** One ramp stage of this shard: reach {@code rate} linearly over {@code durationMillis}. */
    public record Stage(long durationMillis, long rate) {}

    public Assignment {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** The assignment of {@code shard} in a plan of {@code shards} pods. */
    public static Assignment of(
            long epoch,
            ShardPlan shard,
            int shards,
            long startTimeMillis,
            Long endTimeMillis,
            boolean paused,
            Long effectiveTimeMillis) {
        List<Stage> stages = new ArrayList<>();
        for (StagePlan s : shard.stages()) {
            stages.add(new Stage(s.duration().toMillis(), s.rate()));
        }
        return new Assignment(
                epoch,
                shard.index(),
                shards,
                shard.rate(),
                shard.deviceStart(),
                shard.deviceEnd(),
                stages,
                startTimeMillis,
                endTimeMillis,
                paused,
                effectiveTimeMillis,
                shard.count());
    }

    /**
     * For a pod about to be removed by a scale-down: it sends nothing and owns no devices, so the
     * remaining pods can take over its share at once, before the pod itself is gone.
     */
    public static Assignment standby(long epoch, int ordinal, long startTimeMillis, Long effectiveTimeMillis) {
        return new Assignment(
                epoch,
                ordinal,
                ordinal + 1,
                0,
                0,
                0,
                List.of(),
                startTimeMillis,
                null,
                true,
                effectiveTimeMillis,
                null);
    }

    /** What is wrong with an assignment received from the network; empty when it can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (epoch < 1) {
            problems.add("epoch: " + epoch + " must be 1 or more");
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            problems.add("shard: " + shard + " must be in [0, shards) with shards >= 1 (shards is " + shards + ")");
        }
        if (rate < 0) {
            problems.add("rate: " + rate + " must be 0 or more");
        }
        if (deviceStart < 0 || deviceEnd < deviceStart || (deviceEnd == deviceStart && !paused)) {
            problems.add("deviceStart/deviceEnd: [" + deviceStart + ", " + deviceEnd + ") must be a non-empty range of "
                    + "devices >= 0 (empty only for a paused standby)");
        }
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s == null || s.durationMillis() <= 0 || s.rate() < 0) {
                problems.add("stages[" + i + "]: needs durationMillis > 0 and rate >= 0");
            }
        }
        if (count != null && count < 0) {
            problems.add("count: " + count + " must be 0 or more, or null for no limit");
        }
        if (startTimeMillis <= 0) {
            problems.add("startTimeMillis: " + startTimeMillis + " must be an epoch time in milliseconds");
        }
        return problems;
    }
}

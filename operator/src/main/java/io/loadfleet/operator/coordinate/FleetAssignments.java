package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.LoadProfileSpec;
import java.util.List;

/** The assignments of every pod of a fleet for one epoch: the plan, timed from the fleet's start. */
public final class FleetAssignments {

    private FleetAssignments() {}

    /**
     * @param replicas        the pods the plan is split over
     * @param startTimeMillis when the fleet first started (stages and duration count from there)
     * @param effectiveTimeMillis when the pods switch to this epoch together; null for at once
     */
    public static List<Assignment> of(
            LoadProfileSpec spec, int replicas, long epoch, long startTimeMillis, Long effectiveTimeMillis) {
        FleetPlan plan = FleetPlan.of(spec, replicas);
        Long end = spec.getDuration() == null
                ? null
                : startTimeMillis + Durations.require(spec.getDuration()).toMillis();
        return plan.shards().stream()
                .map((ShardPlan s) ->
                        Assignment.of(epoch, s, replicas, startTimeMillis, end, spec.isPaused(), effectiveTimeMillis))
                .toList();
    }
}

package io.loadfleet.api.plan;

import java.util.List;

/**
 * One pod's assignment: its rate, its half-open device range [deviceStart, deviceEnd), its share of
 * every ramp stage and of spec.count.
 *
 * @param count the records this pod sends before it finishes; null for no limit
 */
public record ShardPlan(int index, long rate, long deviceStart, long deviceEnd, List<StagePlan> stages, Long count) {

    /** A pod without a record limit. */
    public ShardPlan(int index, long rate, long deviceStart, long deviceEnd, List<StagePlan> stages) {
        this(index, rate, deviceStart, deviceEnd, stages, null);
    }

    public long deviceCount() {
        return deviceEnd - deviceStart;
    }
}

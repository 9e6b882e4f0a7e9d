package io.loadfleet.api.plan;

import java.util.List;

/**
 * One pod's assignment: its rate, its half-open device range [deviceStart, deviceEnd), and its
 * share of every ramp stage.
 */
public record ShardPlan(int index, long rate, long deviceStart, long deviceEnd, List<StagePlan> stages) {

    public long deviceCount() {
        return deviceEnd - deviceStart;
    }
}

package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.Assignment;
import java.util.List;

/** What a pass does to the fleet's pods, as {@link EpochDecider} decides it. */
public sealed interface EpochDecision {

    /** The epoch the pods run once the decision is carried out (if a new one: once its plan's pods took it). */
    AppliedEpoch epoch();

    /** An assignment for the pod of this ordinal. */
    record Push(int ordinal, Assignment assignment) {}

    /**
     * The plan changed and every pod of the new plan answers: push the new epoch to them, and put the
     * surplus pods that answer on standby at the same instant (make before break).
     *
     * @param plan    one per pod of the plan; the epoch counts as applied only when all of them take it
     * @param standby one per answering pod beyond the plan
     */
    record StartEpoch(AppliedEpoch epoch, List<Push> plan, List<Push> standby) implements EpochDecision {}

    /** The plan changed but some of its pods are not ready or do not answer: the fleet keeps its epoch. */
    record AwaitPods(AppliedEpoch epoch, List<Integer> missing) implements EpochDecision {}

    /**
     * The plan is the applied one: pods on another epoch (restarted, or a push they missed) get the
     * current one again; usually there are none.
     */
    record Keep(AppliedEpoch epoch, List<Push> catchUp) implements EpochDecision {}
}

package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides a pass from what was applied, what the pods report and the plan the spec wants: a pure
 * function, so every case (new epoch, restarted pod, scale up waiting for readiness, scale down to
 * standby, pause, completion) is a unit test.
 */
public final class EpochDecider {
    /**
     * How far ahead of the push a new epoch takes effect: long enough for the push to reach every
     * pod first, so all switch at one instant (a late pod still catches up on its share).
     */
    static final long ACTIVATION_LEAD_MILLIS = 200;

    private EpochDecider() {}

    /**
     * @param answering the statuses of the ready pods that answered, by ordinal
     * @param nowMillis the wall clock now, which a new epoch's activation instant counts from
     */
    public static EpochDecision decide(
            AppliedEpoch applied, Map<Integer, WorkerStatus> answering, DesiredPlan desired, long nowMillis) {
        if (applied.started() && desired.fingerprint().equals(applied.planHash())) {
            return new EpochDecision.Keep(applied, catchUp(applied, answering, desired));
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < desired.replicas(); i++) {
            if (!answering.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            return new EpochDecision.AwaitPods(applied, missing);
        }
        // Above every epoch any pod has seen, so a half-applied earlier attempt can never collide.
        long next = Math.max(
                        applied.epoch(),
                        answering.values().stream()
                                .mapToLong(WorkerStatus::epoch)
                                .max()
                                .orElse(0))
                + 1;
        long effective = nowMillis + ACTIVATION_LEAD_MILLIS;
        // The fleet's clock (stages, duration) starts when its first epoch takes effect.
        AppliedEpoch epoch = new AppliedEpoch(
                next,
                desired.fingerprint(),
                desired.replicas(),
                applied.started() ? applied.startTimeMillis() : effective,
                effective);
        List<Assignment> assignments =
                FleetAssignments.of(desired.spec(), epoch.replicas(), next, epoch.startTimeMillis(), effective);
        List<EpochDecision.Push> plan = new ArrayList<>();
        List<EpochDecision.Push> standby = new ArrayList<>();
        for (int ordinal : answering.keySet()) {
            if (ordinal < epoch.replicas()) {
                plan.add(new EpochDecision.Push(ordinal, assignments.get(ordinal)));
            } else {
                standby.add(new EpochDecision.Push(
                        ordinal, Assignment.standby(next, ordinal, epoch.startTimeMillis(), effective)));
            }
        }
        return new EpochDecision.StartEpoch(epoch, plan, standby);
    }

    /**
     * The current epoch again for pods that run another, with the instant it took effect, so each
     * numbers its records on from where its shard would be.
     */
    private static List<EpochDecision.Push> catchUp(
            AppliedEpoch applied, Map<Integer, WorkerStatus> answering, DesiredPlan desired) {
        List<EpochDecision.Push> pushes = new ArrayList<>();
        List<Assignment> assignments = null;
        for (var pod : answering.entrySet()) {
            int ordinal = pod.getKey();
            if (pod.getValue().epoch() == applied.epoch()) {
                continue;
            }
            if (assignments == null) {
                assignments = FleetAssignments.of(
                        desired.spec(),
                        applied.replicas(),
                        applied.epoch(),
                        applied.startTimeMillis(),
                        applied.epochStartMillis());
            }
            pushes.add(new EpochDecision.Push(
                    ordinal,
                    ordinal < applied.replicas()
                            ? assignments.get(ordinal)
                            : Assignment.standby(applied.epoch(), ordinal, applied.startTimeMillis(), null)));
        }
        return pushes;
    }
}

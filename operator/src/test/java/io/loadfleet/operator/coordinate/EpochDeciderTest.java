package io.loadfleet.operator.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.operator.TestProfiles;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every case of a pass's decision, as a pure function of what was applied, what pods say and the plan. */
class EpochDeciderTest {
    static final long NOW = 1_800_000_000_000L;
    static final long FLEET_START = NOW - 60_000;
    static final long EPOCH_START = NOW - 10_000;

    @Test
    void aNewFleetStartsEpochOneOnceEveryPodOfThePlanAnswersAndItsClockStartsThen() {
        DesiredPlan plan = DesiredPlan.of(spec(30_000, false), 3);

        var decision = assertInstanceOf(
                EpochDecision.StartEpoch.class, EpochDecider.decide(AppliedEpoch.none(NOW), pods(0, 0, 0), plan, NOW));

        long effective = NOW + EpochDecider.ACTIVATION_LEAD_MILLIS;
        assertEquals(new AppliedEpoch(1, plan.fingerprint(), 3, effective, effective), decision.epoch());
        assertEquals(
                List.of(0, 1, 2),
                decision.plan().stream().map(EpochDecision.Push::ordinal).toList());
        assertEquals(
                30_000,
                decision.plan().stream().mapToLong(p -> p.assignment().rate()).sum());
        assertTrue(decision.plan().stream()
                .allMatch(p -> p.assignment().effectiveTimeMillis() == effective
                        && p.assignment().startTimeMillis() == effective
                        && !p.assignment().paused()));
        assertEquals(List.of(), decision.standby());
    }

    @Test
    void aNewFleetWaitsForPodsOfItsPlanThatDoNotAnswer() {
        var decision = assertInstanceOf(
                EpochDecision.AwaitPods.class,
                EpochDecider.decide(AppliedEpoch.none(NOW), pods(0, 0), DesiredPlan.of(spec(30_000, false), 3), NOW));

        assertEquals(List.of(2), decision.missing());
        assertEquals(0, decision.epoch().epoch());
    }

    @Test
    void scaleUpWaitsForTheNewPodsAndKeepsTheRunningEpoch() {
        AppliedEpoch running = running(4, DesiredPlan.of(spec(40_000, false), 4));

        var decision = assertInstanceOf(
                EpochDecision.AwaitPods.class,
                EpochDecider.decide(running, pods(4, 4, 4, 4, 0), DesiredPlan.of(spec(60_000, false), 6), NOW));

        assertEquals(List.of(5), decision.missing());
        assertEquals(running, decision.epoch());
    }

    @Test
    void scaleUpOnceReadyIsOneEpochForAllPodsKeepingTheFleetsStart() {
        AppliedEpoch running = running(4, DesiredPlan.of(spec(40_000, false), 4));
        DesiredPlan six = DesiredPlan.of(spec(60_000, false), 6);

        var decision = assertInstanceOf(
                EpochDecision.StartEpoch.class, EpochDecider.decide(running, pods(4, 4, 4, 4, 0, 0), six, NOW));

        assertEquals(5, decision.epoch().epoch());
        assertEquals(
                FLEET_START, decision.epoch().startTimeMillis(), "stages and duration count from the fleet's start");
        assertEquals(6, decision.plan().size());
        assertEquals(
                60_000,
                decision.plan().stream().mapToLong(p -> p.assignment().rate()).sum());
        assertTrue(decision.plan().stream()
                .allMatch(p -> p.assignment().epoch() == 5 && p.assignment().shards() == 6));
    }

    @Test
    void scaleDownMovesTheWholeRateToTheSmallerPlanAndPutsSurplusPodsOnStandbyAtTheSameInstant() {
        AppliedEpoch running = running(6, DesiredPlan.of(spec(60_000, false), 6));

        var decision = assertInstanceOf(
                EpochDecision.StartEpoch.class,
                EpochDecider.decide(running, pods(4, 4, 4, 4, 4, 4), DesiredPlan.of(spec(30_000, false), 3), NOW));

        long effective = NOW + EpochDecider.ACTIVATION_LEAD_MILLIS;
        assertEquals(
                List.of(0, 1, 2),
                decision.plan().stream().map(EpochDecision.Push::ordinal).toList());
        assertEquals(
                30_000,
                decision.plan().stream().mapToLong(p -> p.assignment().rate()).sum());
        assertEquals(
                List.of(
                        Assignment.standby(5, 3, FLEET_START, effective),
                        Assignment.standby(5, 4, FLEET_START, effective),
                        Assignment.standby(5, 5, FLEET_START, effective)),
                decision.standby().stream().map(EpochDecision.Push::assignment).toList());
    }

    @Test
    void aNewEpochIsAboveEveryEpochAPodHasSeen() {
        AppliedEpoch running = running(2, DesiredPlan.of(spec(20_000, false), 2));

        var decision = assertInstanceOf(
                EpochDecision.StartEpoch.class,
                EpochDecider.decide(running, pods(4, 7), DesiredPlan.of(spec(25_000, false), 2), NOW));

        assertEquals(8, decision.epoch().epoch(), "a half-applied attempt reached epoch 7 on one pod");
    }

    @Test
    void aRestartedPodGetsTheRunningEpochAgainWithTheInstantItTookEffect() {
        DesiredPlan plan = DesiredPlan.of(spec(30_000, false), 3);
        AppliedEpoch running = running(3, plan);

        var decision =
                assertInstanceOf(EpochDecision.Keep.class, EpochDecider.decide(running, pods(4, 0, 4), plan, NOW));

        assertEquals(running, decision.epoch());
        assertEquals(1, decision.catchUp().size());
        EpochDecision.Push push = decision.catchUp().get(0);
        assertEquals(1, push.ordinal());
        assertEquals(
                FleetAssignments.of(plan.spec(), 3, 4, FLEET_START, EPOCH_START).get(1), push.assignment());
    }

    @Test
    void aSurplusPodOnAnotherEpochIsPutOnStandbyAgain() {
        DesiredPlan plan = DesiredPlan.of(spec(30_000, false), 2);
        AppliedEpoch running = running(2, plan);

        var decision =
                assertInstanceOf(EpochDecision.Keep.class, EpochDecider.decide(running, pods(4, 4, 3), plan, NOW));

        assertEquals(
                List.of(new EpochDecision.Push(2, Assignment.standby(4, 2, FLEET_START, null))), decision.catchUp());
    }

    @Test
    void pausingIsANewEpochWhoseAssignmentsSendNothing() {
        AppliedEpoch running = running(3, DesiredPlan.of(spec(30_000, false), 3));

        var decision = assertInstanceOf(
                EpochDecision.StartEpoch.class,
                EpochDecider.decide(running, pods(4, 4, 4), DesiredPlan.of(spec(30_000, true), 3), NOW));

        assertTrue(decision.plan().stream().allMatch(p -> p.assignment().paused()));
    }

    @Test
    void aSteadyFleetIsLeftAloneAndSoIsACompletedOne() {
        DesiredPlan plan = DesiredPlan.of(spec(30_000, false), 3);
        AppliedEpoch running = running(3, plan);
        Map<Integer, WorkerStatus> finished = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            finished.put(i, status(4, WorkerState.FINISHED));
        }

        assertEquals(
                new EpochDecision.Keep(running, List.of()), EpochDecider.decide(running, pods(4, 4, 4), plan, NOW));
        assertEquals(new EpochDecision.Keep(running, List.of()), EpochDecider.decide(running, finished, plan, NOW));
    }

    /** Epoch 4 of a plan, started at {@link #FLEET_START}, in effect since {@link #EPOCH_START}. */
    static AppliedEpoch running(int replicas, DesiredPlan plan) {
        return new AppliedEpoch(4, plan.fingerprint(), replicas, FLEET_START, EPOCH_START);
    }

    /** Answering pods 0.. running the given epochs. */
    static Map<Integer, WorkerStatus> pods(long... epochs) {
        Map<Integer, WorkerStatus> pods = new TreeMap<>();
        for (int i = 0; i < epochs.length; i++) {
            pods.put(i, status(epochs[i], epochs[i] == 0 ? WorkerState.IDLE : WorkerState.RUNNING));
        }
        return pods;
    }

    static WorkerStatus status(long epoch, WorkerState state) {
        return TestProfiles.pod(state, epoch, 0, 0, 0, null);
    }

    static LoadProfileSpec spec(long rate, boolean paused) {
        return TestProfiles.smartMeter(rate, paused).getSpec();
    }
}

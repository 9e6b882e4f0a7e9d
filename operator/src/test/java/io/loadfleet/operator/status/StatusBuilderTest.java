package io.loadfleet.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.api.status.SinkStatus;
import io.loadfleet.operator.TestProfiles;
import io.loadfleet.operator.coordinate.AppliedEpoch;
import io.loadfleet.operator.coordinate.FleetObservation;
import io.loadfleet.operator.coordinate.FleetReport;
import io.loadfleet.operator.coordinate.FleetTotals;
import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Phase, conditions and figures from one pass's report, and what a later pass keeps. */
class StatusBuilderTest {
    static final long START = 1_800_000_000_000L;
    static final AppliedEpoch EPOCH_2 = new AppliedEpoch(2, "abc", 3, START, START + 5_000);
    static final LoadProfile PROFILE = TestProfiles.smartMeter(3_000, false);

    @Test
    void beforeTheFirstEpochTheFleetIsPendingOnItsPods() {
        FleetReport report = report(AppliedEpoch.none(START), false, 1, Counters.ZERO, Map.of());

        LoadProfileStatus s =
                StatusBuilder.observed(PROFILE, new LoadProfileStatus(), 3, report, Optional.empty(), Optional.empty());

        assertEquals(Phase.Pending, s.getPhase());
        assertEquals(3, s.getReplicas());
        assertEquals(null, s.getStartTime());
        assertCondition(s, Condition.READY, "False", "Pending", "waiting for 3 worker pod(s) to be ready (1 are)");
        assertCondition(s, Condition.PROGRESSING, "True", "Pending", null);
    }

    @Test
    void aRunningFleetShowsItsEpochFiguresAndHealth() {
        Counters counters = new Counters(9_000, 8_990, 8_990, 0, null);
        LoadProfileStatus s = StatusBuilder.observed(
                PROFILE,
                new LoadProfileStatus(),
                3,
                report(EPOCH_2, false, 3, counters, Map.of()),
                Optional.empty(),
                Optional.empty());

        assertEquals(Phase.Running, s.getPhase());
        assertEquals(2L, s.getEpoch());
        assertEquals("2027-01-15T08:00:05Z", s.getEpochStartTime());
        assertEquals("2027-01-15T08:00:00Z", s.getStartTime());
        assertEquals(9_000L, s.getSent());
        assertEquals(8_990L, s.getAcked());
        assertEquals(3_000L, s.getTargetRate());
        assertEquals(1, s.getObservedGeneration());
        assertCondition(s, Condition.READY, "True", "Running", "epoch 2: 3000 msg/s over 3 pod(s)");
        assertCondition(s, Condition.DEGRADED, "False", "Healthy", "");
    }

    @Test
    void rescalingPausedAndCompletedAreTheirOwnPhases() {
        assertEquals(
                Phase.Rescaling,
                StatusBuilder.observed(
                                PROFILE,
                                new LoadProfileStatus(),
                                4,
                                report(EPOCH_2, true, 3, Counters.ZERO, Map.of()),
                                Optional.empty(),
                                Optional.empty())
                        .getPhase());
        LoadProfileStatus paused = StatusBuilder.observed(
                TestProfiles.smartMeter(3_000, true),
                new LoadProfileStatus(),
                3,
                report(EPOCH_2, false, 3, Counters.ZERO, Map.of()),
                Optional.empty(),
                Optional.empty());
        assertEquals(Phase.Paused, paused.getPhase());
        assertEquals(0L, paused.getTargetRate());
        LoadProfile timed = TestProfiles.withSpec("""
                targetRate: 3000
                duration: 1m
                devices: {count: 1000}
                generator: {type: smart-meter}
                sink: {kafka: {bootstrapServers: "kafka:9092", topic: t}}
                """);
        FleetReport finished = new FleetReport(
                EPOCH_2,
                false,
                false,
                observation(3, Map.of()),
                new FleetTotals(Counters.ZERO, 0, null, List.of()),
                null,
                Map.of(),
                true);
        assertEquals(
                Phase.Completed,
                StatusBuilder.observed(timed, new LoadProfileStatus(), 3, finished, Optional.empty(), Optional.empty())
                        .getPhase());
        LoadProfile counted = TestProfiles.withSpec("""
                targetRate: 3000
                count: 90000
                devices: {count: 1000}
                generator: {type: smart-meter}
                sink: {kafka: {bootstrapServers: "kafka:9092", topic: t}}
                """);
        LoadProfileStatus completed = StatusBuilder.observed(
                counted, new LoadProfileStatus(), 3, finished, Optional.empty(), Optional.empty());
        assertEquals(Phase.Completed, completed.getPhase());
        assertCondition(completed, Condition.READY, "True", "Completed", "spec.count 90000 records sent");
        FleetReport stillSending = new FleetReport(
                EPOCH_2,
                false,
                false,
                observation(3, Map.of()),
                new FleetTotals(Counters.ZERO, 0, null, List.of()),
                null,
                Map.of(),
                false);
        assertEquals(
                Phase.Running,
                StatusBuilder.observed(
                                counted, new LoadProfileStatus(), 3, stillSending, Optional.empty(), Optional.empty())
                        .getPhase(),
                "until every pod has sent its part");
    }

    @Test
    void degradedNamesTheMostFundamentalCauseFirst() {
        Map<Integer, WorkerStatus> loading = Map.of(
                1,
                WorkerStatus.notReady("grid", WorkerState.LOADING_INPUT, "no such file"),
                2,
                WorkerStatus.notReady("grid", WorkerState.CONNECTING, "broker down"));
        assertCondition(
                observed(report(EPOCH_2, false, 1, Counters.ZERO, loading)),
                Condition.DEGRADED,
                "True",
                "GeneratorInputUnusable",
                "pod(s) [1] cannot load their generator's input: no such file");
        assertCondition(
                observed(report(EPOCH_2, false, 1, Counters.ZERO, Map.of(2, loading.get(2)))),
                Condition.DEGRADED,
                "True",
                "SinkUnreachable",
                "pod(s) [2] cannot reach the sink: broker down");
        FleetReport silent = new FleetReport(
                EPOCH_2,
                false,
                false,
                new FleetObservation(addresses(3), pods(2), Map.of()),
                new FleetTotals(Counters.ZERO, 0, null, List.of()),
                null,
                Map.of(),
                false);
        assertCondition(
                observed(silent), Condition.DEGRADED, "True", "PodsNotAnswering", "1 ready pod(s) did not answer");

        LoadProfileStatus before = new LoadProfileStatus();
        before.setErrors(2L);
        LoadProfileStatus errors = StatusBuilder.observed(
                PROFILE,
                before,
                3,
                report(EPOCH_2, false, 3, new Counters(100, 95, 95, 5, "TimeoutException: expired"), Map.of()),
                Optional.empty(),
                Optional.empty());
        assertCondition(
                errors,
                Condition.DEGRADED,
                "True",
                "WorkerErrors",
                "3 new send error(s); last: TimeoutException: expired");

        long tolerated = StatusBuilder.BACKLOG_SECONDS * 3_000;
        assertCondition(
                observed(report(EPOCH_2, false, 3, new Counters(tolerated + 100, 99, 99, 0, null), Map.of())),
                Condition.DEGRADED,
                "True",
                "Backpressure",
                null);
        assertCondition(
                observed(report(EPOCH_2, false, 3, new Counters(tolerated + 99, 99, 99, 0, null), Map.of())),
                Condition.DEGRADED,
                "False",
                "Healthy",
                "");
    }

    /** Several sinks: each has its own figures, and the one that failed records is named, before any other's. */
    @Test
    void eachSinkHasItsFiguresAndTheOneFailingIsNamed() {
        Counters kafka = new Counters(100, 100, 100, 0, null);
        Counters pulsar = new Counters(100, 95, 95, 5, "TimeoutException: expired");
        FleetReport report = new FleetReport(
                EPOCH_2,
                false,
                false,
                observation(3, Map.of()),
                new FleetTotals(
                        new Counters(100, 95, 95, 5, "SinkFailure: sink.pulsar: TimeoutException: expired"),
                        0,
                        null,
                        List.of(
                                new FleetTotals.SinkTotal("kafka", kafka, new LatencyPercentiles(100, 1, 2, 3, 4)),
                                new FleetTotals.SinkTotal("pulsar", pulsar, null))),
                95.0,
                Map.of("kafka", 100.04),
                false);
        LoadProfileStatus before = new LoadProfileStatus();
        before.setErrors(2L);
        before.setSinks(List.of(
                new SinkStatus("kafka", 50, 50, 0, 99.0, null, null),
                new SinkStatus("pulsar", 50, 48, 2, 96.0, null, "TimeoutException: expired")));

        LoadProfileStatus s = StatusBuilder.observed(PROFILE, before, 3, report, Optional.empty(), Optional.empty());

        assertEquals(
                List.of(
                        new SinkStatus("kafka", 100, 100, 0, 100.0, new LatencyPercentiles(100, 1, 2, 3, 4), null),
                        // no rate this pass: it keeps the last one
                        new SinkStatus("pulsar", 100, 95, 5, 96.0, null, "TimeoutException: expired")),
                s.getSinks());
        assertCondition(
                s,
                Condition.DEGRADED,
                "True",
                "SinkFailing",
                "sink.pulsar: 3 new send error(s); last: TimeoutException: expired");
        assertCondition(
                StatusBuilder.observed(PROFILE, s, 3, report, Optional.empty(), Optional.empty()),
                Condition.DEGRADED,
                "False",
                "Healthy",
                "");
        assertNull(
                StatusBuilder.observed(PROFILE, new LoadProfileStatus(), 3, report, Optional.empty(), Optional.empty())
                        .getSinks()
                        .get(1)
                        .achievedRate(),
                "a first pass knows no rate for a sink yet");
    }

    @Test
    void anUnchangedPassBuildsAnEqualStatusSoNothingIsWritten() {
        LoadProfile paused = TestProfiles.smartMeter(3_000, true);
        FleetReport report = report(EPOCH_2, false, 3, new Counters(10, 10, 10, 0, null), Map.of());
        LoadProfileStatus first =
                StatusBuilder.observed(paused, new LoadProfileStatus(), 3, report, Optional.empty(), Optional.empty());

        assertEquals(first, StatusBuilder.observed(paused, first, 3, report, Optional.empty(), Optional.empty()));
    }

    @Test
    void aConditionKeepsItsTransitionTimeUntilItsStatusFlips() {
        LoadProfileStatus running = observed(report(EPOCH_2, false, 3, Counters.ZERO, Map.of()));
        Condition ready = condition(running, Condition.READY);
        ready.setLastTransitionTime("2020-01-01T00:00:00Z");

        assertEquals(
                "2020-01-01T00:00:00Z",
                condition(
                                StatusBuilder.observed(
                                        PROFILE,
                                        running,
                                        3,
                                        report(EPOCH_2, false, 3, Counters.ZERO, Map.of()),
                                        Optional.empty(),
                                        Optional.empty()),
                                Condition.READY)
                        .getLastTransitionTime());
        assertNotEquals(
                "2020-01-01T00:00:00Z",
                condition(
                                StatusBuilder.observed(
                                        PROFILE,
                                        running,
                                        4,
                                        report(EPOCH_2, true, 3, Counters.ZERO, Map.of()),
                                        Optional.empty(),
                                        Optional.empty()),
                                Condition.READY)
                        .getLastTransitionTime());
    }

    @Test
    void anInvalidSpecOrAFailedPassKeepsTheFleetsFiguresAndSaysWhy() {
        LoadProfileStatus running = observed(report(EPOCH_2, false, 3, new Counters(10, 9, 9, 0, null), Map.of()));

        LoadProfileStatus invalid = StatusBuilder.invalid(PROFILE, running, "spec.targetRate: must be 1 or more");
        assertEquals(Phase.Failed, invalid.getPhase());
        assertEquals(10L, invalid.getSent());
        assertCondition(invalid, Condition.READY, "False", "InvalidSpec", "spec.targetRate: must be 1 or more");

        LoadProfileStatus failed = StatusBuilder.reconcileFailed(PROFILE, running, "denied by policy");
        assertEquals(Phase.Running, failed.getPhase());
        assertEquals(2L, failed.getEpoch());
        assertCondition(failed, Condition.READY, "False", StatusBuilder.RECONCILE_FAILED, "denied by policy");
        assertCondition(failed, Condition.DEGRADED, "True", StatusBuilder.RECONCILE_FAILED, "denied by policy");
    }

    private static LoadProfileStatus observed(FleetReport report) {
        return StatusBuilder.observed(PROFILE, new LoadProfileStatus(), 3, report, Optional.empty(), Optional.empty());
    }

    private static FleetReport report(
            AppliedEpoch applied,
            boolean waiting,
            int answering,
            Counters counters,
            Map<Integer, WorkerStatus> notReady) {
        return new FleetReport(
                applied,
                false,
                waiting,
                observation(answering, notReady),
                new FleetTotals(counters, 0, null, List.of()),
                0.0,
                Map.of(),
                false);
    }

    private static FleetObservation observation(int answering, Map<Integer, WorkerStatus> notReady) {
        return new FleetObservation(addresses(answering), pods(answering), notReady);
    }

    private static Map<Integer, WorkerAddress> addresses(int n) {
        Map<Integer, WorkerAddress> addresses = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            addresses.put(i, new WorkerAddress("10.0.0." + i, 8080));
        }
        return addresses;
    }

    private static Map<Integer, WorkerStatus> pods(int n) {
        Map<Integer, WorkerStatus> pods = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            pods.put(i, TestProfiles.pod(WorkerState.RUNNING, 2, 0, 0, 0, null));
        }
        return pods;
    }

    private static Condition condition(LoadProfileStatus s, String type) {
        return s.getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    /** @param message null: any message */
    private static void assertCondition(
            LoadProfileStatus s, String type, String status, String reason, String message) {
        Condition c = condition(s, type);
        assertEquals(status, c.getStatus(), type + ": " + c.getMessage());
        assertEquals(reason, c.getReason(), type + ": " + c.getMessage());
        if (message != null) {
            assertEquals(message, c.getMessage());
        }
        assertTrue(c.getLastTransitionTime() != null && c.getObservedGeneration() == 1, type);
    }
}

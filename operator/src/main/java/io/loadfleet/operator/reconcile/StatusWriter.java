package io.loadfleet.operator.reconcile;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.dependent.FleetNames;
import io.loadfleet.operator.fleet.FleetCoordinator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the LoadProfile's status (Strimzi style: observedGeneration plus Ready/Progressing/Degraded). */
final class StatusWriter {
    /** Unacknowledged records beyond this many seconds of the target rate mean the sink is not keeping up. */
    static final long BACKLOG_SECONDS = 3;
    /** ...and never fewer than this, so a low rate's normal in-flight batch is not mistaken for it. */
    private static final long MIN_BACKLOG = 1_000;

    private StatusWriter() {
    }

    /** A spec that cannot run: Failed, Ready=False naming the field; the running fleet's figures stay. */
    static LoadProfileStatus invalid(LoadProfile profile, LoadProfileStatus before, String message) {
        LoadProfileStatus s = copy(before);
        s.setObservedGeneration(profile.getMetadata().getGeneration());
        s.setPhase(Phase.Failed);
        s.setConditions(conditions(before, profile,
                new Condition(Condition.READY, "False", "InvalidSpec", message, null, null),
                new Condition(Condition.PROGRESSING, "False", "InvalidSpec", "fix the spec to continue", null, null),
                new Condition(Condition.DEGRADED, "False", "InvalidSpec", "", null, null)));
        return s;
    }

    /** The fleet as this pass found and left it. */
    static LoadProfileStatus observed(LoadProfile profile, LoadProfileStatus before, int replicas,
            FleetCoordinator.Result r) {
        LoadProfileStatus s = copy(before);
        s.setObservedGeneration(profile.getMetadata().getGeneration());
        s.setSelector(FleetNames.selectorString(profile));
        s.setEpoch(r.applied().epoch());
        if (r.applied().epochStartMillis() != null) {
            s.setEpochStartTime(Instant.ofEpochMilli(r.applied().epochStartMillis()).toString());
        }
        s.setPlanHash(r.applied().planHash());
        s.setReplicas(r.applied().epoch() == 0 ? replicas : r.applied().replicas());
        s.setReadyReplicas(r.readyPods());
        s.setTargetRate(profile.getSpec().isPaused() ? 0 : profile.getSpec().getTargetRate());
        if (r.achievedRate() != null) {
            s.setAchievedRate(Math.round(r.achievedRate() * 10) / 10.0);
        }
        s.setSent(r.sent());
        s.setAcked(r.acked());
        s.setErrors(r.errors());
        if (r.latency() != null) {
            s.setLatency(r.latency());
        }
        if (before.getStartTime() == null && r.applied().epoch() > 0) {
            s.setStartTime(Instant.ofEpochMilli(r.applied().startTimeMillis()).toString());
        }
        Condition degraded = degradedCondition(profile, before, r);
        Phase phase;
        String why;
        if (r.applied().epoch() == 0) {
            phase = Phase.Pending;
            why = "waiting for " + replicas + " worker pod(s) to be ready (" + r.readyPods() + " are)";
        } else if (r.waiting()) {
            phase = Phase.Rescaling;
            why = "moving to " + replicas + " pod(s): " + r.readyPods() + " ready";
        } else if (profile.getSpec().getDuration() != null && r.allFinished()) {
            phase = Phase.Completed;
            why = "spec.duration " + profile.getSpec().getDuration() + " has elapsed";
        } else if (profile.getSpec().isPaused()) {
            phase = Phase.Paused;
            why = "spec.paused is true: the pods are up and send nothing";
        } else {
            phase = Phase.Running;
            why = "epoch " + r.applied().epoch() + ": " + profile.getSpec().getTargetRate() + " msg/s over "
                    + r.applied().replicas() + " pod(s)";
        }
        s.setPhase(phase);
        boolean ready = phase != Phase.Pending && phase != Phase.Rescaling;
        s.setConditions(conditions(before, profile,
                new Condition(Condition.READY, ready ? "True" : "False", phase.name(), why, null, null),
                new Condition(Condition.PROGRESSING, ready ? "False" : "True", phase.name(), why, null, null),
                degraded));
        return s;
    }

    /**
     * Degraded, most fundamental cause first: pods that cannot load their generator's input (they
     * try it before the sink), pods that cannot reach the broker, pods that do not
     * answer, send errors, then backpressure (records piling up unacknowledged while the broker is
     * slow or gone, before any send has timed out).
     */
    private static Condition degradedCondition(LoadProfile profile, LoadProfileStatus before, FleetCoordinator.Result r) {
        String why = null;
        String reason = null;
        // written, not acked: a file sink acks what it has written at its next flush or a Parquet file's end
        long backlog = r.sent() - r.written();
        long tolerated = Math.max(MIN_BACKLOG, BACKLOG_SECONDS * (profile.getSpec().isPaused() ? 0 : profile.getSpec().getTargetRate()));
        Map<Integer, String> loading = stuckAt(r, WorkerState.LOADING_INPUT);
        Map<Integer, String> connecting = stuckAt(r, WorkerState.CONNECTING);
        if (!loading.isEmpty()) {
            reason = "GeneratorInputUnusable";
            why = "pod(s) " + loading.keySet() + " cannot load their generator's input: " + loading.values().iterator().next();
        } else if (!connecting.isEmpty()) {
            reason = "SinkUnreachable";
            why = "pod(s) " + connecting.keySet() + " cannot reach the sink: " + connecting.values().iterator().next();
        } else if (r.unreachable() > 0) {
            reason = "PodsNotAnswering";
            why = r.unreachable() + " ready pod(s) did not answer";
        } else if (before.getErrors() != null && r.errors() > before.getErrors()) {
            reason = "WorkerErrors";
            why = (r.errors() - before.getErrors()) + " new send error(s); last: " + r.lastError();
        } else if (r.stalledMillis() > BACKLOG_SECONDS * 1000 || backlog > tolerated) {
            reason = "Backpressure";
            why = (r.stalledMillis() > BACKLOG_SECONDS * 1000 ? "sends have been blocked for " + r.stalledMillis() / 1000
                    + " s" : "acknowledgements lag more than " + BACKLOG_SECONDS + " s behind the target rate")
                    + ": " + backlog + " records not yet acknowledged; the broker is slow or unreachable"
                    + (r.lastError() == null ? "" : "; last error: " + r.lastError());
        }
        return why == null ? new Condition(Condition.DEGRADED, "False", "Healthy", "", null, null)
                : new Condition(Condition.DEGRADED, "True", reason, why, null, null);
    }

    /** The not-ready pods stuck at {@code state}, by ordinal, with the error each reports. */
    private static Map<Integer, String> stuckAt(FleetCoordinator.Result r, WorkerState state) {
        Map<Integer, String> pods = new TreeMap<>();
        r.notReady().forEach((ordinal, s) -> {
            if (s.state() == state) {
                pods.put(ordinal, s.lastError());
            }
        });
        return pods;
    }

    /** The Degraded condition when it is True, to notice when the fleet starts failing. */
    static java.util.Optional<Condition> degraded(LoadProfileStatus status) {
        return status.getConditions().stream()
                .filter(c -> Condition.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    /** The message of the Ready condition, to notice when a problem is new. */
    static String readyMessage(LoadProfileStatus status) {
        return status.getConditions().stream().filter(c -> Condition.READY.equals(c.getType()))
                .map(Condition::getMessage).findFirst().orElse(null);
    }

    /** Keeps a condition's lastTransitionTime unless its status flips. */
    private static List<Condition> conditions(LoadProfileStatus before, LoadProfile profile, Condition... now) {
        List<Condition> out = new ArrayList<>();
        String time = Instant.now().toString();
        for (Condition c : now) {
            String since = before.getConditions().stream()
                    .filter(old -> old.getType().equals(c.getType()) && old.getStatus().equals(c.getStatus()))
                    .map(Condition::getLastTransitionTime).findFirst().orElse(time);
            out.add(new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), since,
                    profile.getMetadata().getGeneration()));
        }
        return out;
    }

    private static LoadProfileStatus copy(LoadProfileStatus b) {
        LoadProfileStatus s = new LoadProfileStatus();
        s.setObservedGeneration(b.getObservedGeneration());
        s.setPhase(b.getPhase());
        s.setReplicas(b.getReplicas());
        s.setReadyReplicas(b.getReadyReplicas());
        s.setSelector(b.getSelector());
        s.setTargetRate(b.getTargetRate());
        s.setAchievedRate(b.getAchievedRate());
        s.setSent(b.getSent());
        s.setAcked(b.getAcked());
        s.setErrors(b.getErrors());
        s.setLatency(b.getLatency());
        s.setEpoch(b.getEpoch());
        s.setEpochStartTime(b.getEpochStartTime());
        s.setStartTime(b.getStartTime());
        s.setPlanHash(b.getPlanHash());
        s.setConditions(new ArrayList<>(b.getConditions()));
        return s;
    }
}

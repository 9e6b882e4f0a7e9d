package io.loadfleet.operator.status;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.api.status.SinkStatus;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.operator.coordinate.FleetReport;
import io.loadfleet.operator.dependent.FleetNames;
import io.loadfleet.operator.verify.LiveVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the LoadProfile's status (Strimzi style: observedGeneration plus Ready/Progressing/Degraded). */
public final class StatusBuilder {
    /** Unacknowledged records beyond this many seconds of the target rate mean the sink is not keeping up. */
    static final long BACKLOG_SECONDS = 3;
    /** ...and never fewer than this, so a low rate's normal in-flight batch is not mistaken for it. */
    private static final long MIN_BACKLOG = 1_000;
    /** The reason of a pass that failed with an exception. */
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    private StatusBuilder() {}

    /** A spec that cannot run: Failed, Ready=False naming the field; the running fleet's figures stay. */
    public static LoadProfileStatus invalid(LoadProfile profile, LoadProfileStatus before, String message) {
        LoadProfileStatus s = before.copy();
        s.setObservedGeneration(profile.getMetadata().getGeneration());
        s.setPhase(Phase.Failed);
        s.setConditions(conditions(
                before,
                profile,
                Condition.of(Condition.READY, "False", "InvalidSpec", message),
                Condition.of(Condition.PROGRESSING, "False", "InvalidSpec", "fix the spec to continue"),
                Condition.of(Condition.DEGRADED, "False", "InvalidSpec", "")));
        return s;
    }

    /**
     * A pass that failed: Ready=False and Degraded=True with what failed, for as long as retries fail;
     * the fleet's figures stay.
     */
    public static LoadProfileStatus reconcileFailed(LoadProfile profile, LoadProfileStatus before, String message) {
        LoadProfileStatus s = before.copy();
        s.setObservedGeneration(profile.getMetadata().getGeneration());
        s.setConditions(conditions(
                before,
                profile,
                Condition.of(Condition.READY, "False", RECONCILE_FAILED, message),
                Condition.of(Condition.PROGRESSING, "True", RECONCILE_FAILED, "retrying with backoff"),
                Condition.of(Condition.DEGRADED, "True", RECONCILE_FAILED, message)));
        return s;
    }

    /**
     * The fleet as this pass found and left it.
     *
     * @param heldBack a spec change not rolled out, the first cause of Degraded when present
     * @param verified what live verification found, when spec.verify is on
     */
    public static LoadProfileStatus observed(
            LoadProfile profile,
            LoadProfileStatus before,
            int replicas,
            FleetReport r,
            Optional<HeldBackChange> heldBack,
            Optional<LiveVerification.Findings> verified) {
        LoadProfileStatus s = before.copy();
        s.setObservedGeneration(profile.getMetadata().getGeneration());
        s.setSelector(FleetNames.selectorString(profile));
        AppliedEpochStatus.write(r.applied(), replicas, s);
        s.setReadyReplicas(r.observation().readyPods());
        s.setTargetRate(profile.getSpec().isPaused() ? 0 : profile.getSpec().getTargetRate());
        if (r.achievedRate() != null) {
            s.setAchievedRate(Math.round(r.achievedRate() * 10) / 10.0);
        }
        s.setSent(r.totals().counters().sent());
        s.setAcked(r.totals().counters().acked());
        s.setErrors(r.totals().counters().errors());
        if (!r.totals().sinks().isEmpty()) {
            s.setSinks(sinks(before, r));
        }
        if (r.totals().latency() != null) {
            s.setLatency(r.totals().latency());
        }
        s.setVerify(verified.map(LiveVerification.Findings::status).orElse(null));
        Condition degraded = heldBack.map(h -> Condition.of(Condition.DEGRADED, "True", h.reason(), h.message()))
                .or(() -> degradedCondition(profile, before, r))
                .or(() -> verified.flatMap(StatusBuilder::verifyCondition))
                .orElseGet(() -> Condition.of(Condition.DEGRADED, "False", "Healthy", ""));
        Phase phase;
        String why;
        if (r.applied().epoch() == 0) {
            phase = Phase.Pending;
            why = "waiting for " + replicas + " worker pod(s) to be ready ("
                    + r.observation().readyPods() + " are)";
        } else if (r.waiting()) {
            phase = Phase.Rescaling;
            why = "moving to " + replicas + " pod(s): " + r.observation().readyPods() + " ready";
        } else if (r.allFinished()
                && (profile.getSpec().getDuration() != null || profile.getSpec().getCount() != null)) {
            phase = Phase.Completed;
            why = completedBecause(profile.getSpec(), r);
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
        s.setConditions(conditions(
                before,
                profile,
                Condition.of(Condition.READY, ready ? "True" : "False", phase.name(), why),
                Condition.of(Condition.PROGRESSING, ready ? "False" : "True", phase.name(), why),
                degraded));
        return s;
    }

    /** Which end the fleet reached: every pod sent its part of spec.count before spec.duration was up, or not. */
    private static String completedBecause(LoadProfileSpec spec, FleetReport r) {
        long sent = r.totals().counters().sent();
        if (spec.getCount() != null && (spec.getDuration() == null || sent >= spec.getCount())) {
            return "spec.count " + spec.getCount() + " records sent";
        }
        return "spec.duration " + spec.getDuration() + " has elapsed";
    }

    /**
     * Degraded, most fundamental cause first: pods that cannot load their generator's input (they
     * try it before the sink), pods that cannot reach the broker, pods that do not
     * answer, send errors (naming the sinks that failed, when there are several), then backpressure (records piling up unacknowledged while the broker is
     * slow or gone, before any send has timed out). Live verification's findings come after these:
     * they last (a lost record stays lost), while these pass.
     */
    private static Optional<Condition> degradedCondition(LoadProfile profile, LoadProfileStatus before, FleetReport r) {
        String why = null;
        String reason = null;
        // written, not acked: a file sink acks what it has written at its next flush or a Parquet file's end
        Counters counters = r.totals().counters();
        long backlog = counters.sent() - counters.written();
        long tolerated = Math.max(
                MIN_BACKLOG,
                BACKLOG_SECONDS
                        * (profile.getSpec().isPaused() ? 0 : profile.getSpec().getTargetRate()));
        Map<Integer, String> loading = stuckAt(r, WorkerState.LOADING_INPUT);
        Map<Integer, String> connecting = stuckAt(r, WorkerState.CONNECTING);
        String failing = failingSinks(before, r);
        if (!loading.isEmpty()) {
            reason = "GeneratorInputUnusable";
            why = "pod(s) " + loading.keySet() + " cannot load their generator's input: "
                    + loading.values().iterator().next();
        } else if (!connecting.isEmpty()) {
            reason = "SinkUnreachable";
            why = "pod(s) " + connecting.keySet() + " cannot reach the sink: "
                    + connecting.values().iterator().next();
        } else if (r.observation().unreachable() > 0) {
            reason = "PodsNotAnswering";
            why = r.observation().unreachable() + " ready pod(s) did not answer";
        } else if (!failing.isEmpty()) {
            reason = "SinkFailing";
            why = failing;
        } else if (before.getErrors() != null && counters.errors() > before.getErrors()) {
            reason = "WorkerErrors";
            why = (counters.errors() - before.getErrors()) + " new send error(s); last: " + counters.lastError();
        } else if (r.totals().stalledMillis() > BACKLOG_SECONDS * 1000 || backlog > tolerated) {
            reason = "Backpressure";
            why = (r.totals().stalledMillis() > BACKLOG_SECONDS * 1000
                            ? "sends have been blocked for " + r.totals().stalledMillis() / 1000 + " s"
                            : "acknowledgements lag more than " + BACKLOG_SECONDS + " s behind the target rate")
                    + ": " + backlog + " records not yet acknowledged; the broker is slow or unreachable"
                    + (counters.lastError() == null ? "" : "; last error: " + counters.lastError());
        }
        return why == null ? Optional.empty() : Optional.of(Condition.of(Condition.DEGRADED, "True", reason, why));
    }

    /** Each sink's figures; a sink whose rate is not known this pass keeps the one it had. */
    private static List<SinkStatus> sinks(LoadProfileStatus before, FleetReport r) {
        Map<String, SinkStatus> was = sinksByType(before);
        return r.totals().sinks().stream()
                .map(t -> {
                    Double rate = r.sinkRates().get(t.type());
                    SinkStatus old = was.get(t.type());
                    Double achieved = rate != null
                            ? Double.valueOf(Math.round(rate * 10) / 10.0)
                            : old == null ? null : old.achievedRate();
                    return new SinkStatus(
                            t.type(),
                            t.counters().sent(),
                            t.counters().acked(),
                            t.counters().errors(),
                            achieved,
                            t.publishLatency(),
                            t.counters().lastError());
                })
                .toList();
    }

    /**
     * With several sinks, which of them failed records since the last pass, each named with its new errors and last
     * error; empty when none did, and with one sink (its errors are the fleet's: WorkerErrors).
     */
    private static String failingSinks(LoadProfileStatus before, FleetReport r) {
        if (r.totals().sinks().size() < 2) {
            return "";
        }
        Map<String, SinkStatus> was = sinksByType(before);
        return r.totals().sinks().stream()
                .filter(t -> was.containsKey(t.type())
                        && t.counters().errors() > was.get(t.type()).errors())
                .map(t -> "sink." + t.type() + ": "
                        + (t.counters().errors() - was.get(t.type()).errors()) + " new send error(s); last: "
                        + t.counters().lastError())
                .collect(Collectors.joining("; "));
    }

    private static Map<String, SinkStatus> sinksByType(LoadProfileStatus status) {
        return status.getSinks() == null
                ? Map.of()
                : status.getSinks().stream().collect(Collectors.toMap(SinkStatus::type, sink -> sink));
    }

    /** Verifiers that cannot consume, then records lost, then records duplicated. */
    private static Optional<Condition> verifyCondition(LiveVerification.Findings found) {
        VerifyStatus v = found.status();
        if (!found.verifierProblems().isEmpty()) {
            return Optional.of(Condition.of(
                    Condition.DEGRADED,
                    "True",
                    "VerifierFailing",
                    "verifier pod(s) " + found.verifierProblems().keySet() + " cannot consume: "
                            + found.verifierProblems().values().iterator().next()));
        }
        if (v.lost() > 0) {
            String where = v.firstMissing().stream()
                    .map(m -> "shard " + m.shard() + " epoch " + m.epoch() + " from sequence " + m.sequences())
                    .collect(Collectors.joining("; "));
            return Optional.of(Condition.of(
                    Condition.DEGRADED,
                    "True",
                    "RecordsLost",
                    v.lost() + " acknowledged record(s) not consumed within spec.verify.grace: " + where));
        }
        if (v.duplicates() > 0) {
            return Optional.of(Condition.of(
                    Condition.DEGRADED,
                    "True",
                    "RecordsDuplicated",
                    v.duplicates() + " record(s) consumed more than once (second copies in the topic, not "
                            + "redeliveries)"));
        }
        return Optional.empty();
    }

    /** The not-ready pods stuck at {@code state}, by ordinal, with the error each reports. */
    private static Map<Integer, String> stuckAt(FleetReport r, WorkerState state) {
        Map<Integer, String> pods = new TreeMap<>();
        r.observation().notReady().forEach((ordinal, s) -> {
            if (s.state() == state) {
                pods.put(ordinal, s.counters().lastError());
            }
        });
        return pods;
    }

    /** The Degraded condition when it is True, to notice when the fleet starts failing. */
    public static Optional<Condition> degraded(LoadProfileStatus status) {
        return status.getConditions().stream()
                .filter(c -> Condition.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    /** The message of the Ready condition, to notice when a problem is new. */
    public static String readyMessage(LoadProfileStatus status) {
        return status.getConditions().stream()
                .filter(c -> Condition.READY.equals(c.getType()))
                .map(Condition::getMessage)
                .findFirst()
                .orElse(null);
    }

    /** Keeps a condition's lastTransitionTime unless its status flips. */
    private static List<Condition> conditions(LoadProfileStatus before, LoadProfile profile, Condition... now) {
        List<Condition> out = new ArrayList<>();
        String time = Instant.now().toString();
        for (Condition c : now) {
            String since = before.getConditions().stream()
                    .filter(old ->
                            old.getType().equals(c.getType()) && old.getStatus().equals(c.getStatus()))
                    .map(Condition::getLastTransitionTime)
                    .findFirst()
                    .orElse(time);
            out.add(new Condition(
                    c.getType(),
                    c.getStatus(),
                    c.getReason(),
                    c.getMessage(),
                    since,
                    profile.getMetadata().getGeneration()));
        }
        return out;
    }
}

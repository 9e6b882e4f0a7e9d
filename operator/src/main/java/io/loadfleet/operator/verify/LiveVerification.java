package io.loadfleet.operator.verify;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.operator.coordinate.FleetPod;
import io.loadfleet.operator.coordinate.PassDeadline;
import io.loadfleet.operator.coordinate.WorkerClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live verification (spec.verify) of every fleet that has it, one pass at a time: first the verifiers
 * ({@link #prepare}, before the workers are coordinated, since the plan's fingerprint carries whether
 * every partition is covered), then the judgement against what the workers said ({@link #conclude}).
 * Its state, the verifiers' ledgers and the producers' watermarks, lives in this process: after an
 * operator restart verification starts a new session (see {@link FleetVerification}).
 */
public final class LiveVerification {
    private final WorkerClient client;
    private final PassDeadline deadline;
    private final VerifyMetrics metrics;
    private final Map<String, FleetVerification> fleets = new ConcurrentHashMap<>();

    public LiveVerification(WorkerClient client, PassDeadline deadline, VerifyMetrics metrics) {
        this.client = client;
        this.deadline = deadline;
        this.metrics = metrics;
    }

    /** What a pass decided for the verifiers. */
    public record Prepared(String planToken, int replicas) {}

    /**
     * Asks the fleet's verifiers for their reports and moves partitions where they belong.
     *
     * @return the token the plan's fingerprint carries, and the verifier pods wanted
     */
    public Prepared prepare(LoadProfile profile, Collection<FleetPod> verifierPods) {
        FleetVerification fleet = fleets.computeIfAbsent(
                profile.getMetadata().getUid(),
                uid -> new FleetVerification(profile.getMetadata().getName(), client, deadline));
        LoadProfileSpec spec = profile.getSpec();
        int replicas = spec.getVerify().replicasFor(spec.getTargetRate(), fleet.topicPartitions());
        fleet.pass(List.copyOf(verifierPods), replicas);
        return new Prepared(fleet.token(), replicas);
    }

    /**
     * Judges the fleet's records after its workers were coordinated.
     *
     * @param appliedEpoch    the epoch the workers run now
     * @param startedUnder    the token in that epoch's plan fingerprint, null when it carried another
     * @param workers         the statuses of the worker pods that answered this pass
     */
    public Findings conclude(
            LoadProfile profile, long appliedEpoch, String startedUnder, Collection<WorkerStatus> workers) {
        FleetVerification fleet = fleets.get(profile.getMetadata().getUid());
        if (startedUnder != null) {
            fleet.epochRunning(appliedEpoch, startedUnder);
        }
        VerifyStatus status = fleet.judge(
                workers,
                System.currentTimeMillis(),
                profile.getSpec().getVerify().effectiveGrace());
        metrics.record(profile, status);
        return new Findings(status, fleet.problems());
    }

    /**
     * @param status          for status.verify
     * @param verifierProblems verifiers that cannot consume, by ordinal, with what they say
     */
    public record Findings(VerifyStatus status, Map<Integer, String> verifierProblems) {}

    /** Forgets a fleet whose verification was switched off. */
    public void forget(LoadProfile profile) {
        fleets.remove(profile.getMetadata().getUid());
        metrics.forget(profile);
    }

    /** Forgets fleets that no longer exist. */
    public void retainOnly(Set<String> fleetIds) {
        fleets.keySet().retainAll(fleetIds);
        metrics.retainOnly(fleetIds);
    }
}

package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Carries out a decision: pushes its assignments to the pods at once and waits one deadline for all. */
final class AssignmentPusher {
    private final WorkerClient client;
    private final PassDeadline deadline;

    AssignmentPusher(WorkerClient client, PassDeadline deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    /**
     * Pushes a new epoch and its standby assignments together.
     *
     * @return whether every pod of the plan took its assignment (applied it, or had it already)
     */
    boolean startEpoch(EpochDecision.StartEpoch decision, Map<Integer, WorkerAddress> addresses) {
        List<CompletableFuture<Boolean>> plan =
                decision.plan().stream().map(p -> push(p, addresses)).toList();
        List<CompletableFuture<Boolean>> standby =
                decision.standby().stream().map(p -> push(p, addresses)).toList();
        List<CompletableFuture<Boolean>> all = new ArrayList<>(plan);
        all.addAll(standby);
        deadline.awaitAll(all);
        return plan.stream().allMatch(took -> took.getNow(false));
    }

    /** Pushes the current epoch to pods that run another; one that misses it is asked again next pass. */
    void catchUp(EpochDecision.Keep decision, Map<Integer, WorkerAddress> addresses) {
        deadline.awaitAll(
                decision.catchUp().stream().map(p -> push(p, addresses)).toList());
    }

    private CompletableFuture<Boolean> push(EpochDecision.Push push, Map<Integer, WorkerAddress> addresses) {
        return client.push(addresses.get(push.ordinal()), push.assignment()).thenApply(AssignmentPusher::took);
    }

    private static boolean took(Optional<ApplyOutcome> outcome) {
        return outcome.isPresent()
                && (outcome.get() == ApplyOutcome.APPLIED || outcome.get() == ApplyOutcome.UNCHANGED);
    }
}

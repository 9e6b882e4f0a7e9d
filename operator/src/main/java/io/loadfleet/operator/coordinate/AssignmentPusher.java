package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Carries out a decision: pushes its assignments to the pods at once and waits one deadline for all. */
final class AssignmentPusher {
    private final WorkerClient client;
    private final Duration deadline;

    AssignmentPusher(WorkerClient client, Duration deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    /**
     * Pushes a new epoch and its standby assignments together.
     *
     * @return whether every pod of the plan took its assignment (applied it, or had it already)
     */
    boolean startEpoch(EpochDecision.StartEpoch decision, Map<Integer, WorkerAddress> addresses) {
        List<CompletableFuture<Boolean>> plan = decision.plan().stream().map(p -> push(p, addresses)).toList();
        List<CompletableFuture<Boolean>> standby = decision.standby().stream().map(p -> push(p, addresses)).toList();
        awaitAll(plan, standby);
        return plan.stream().allMatch(took -> took.getNow(false));
    }

    /** Pushes the current epoch to pods that run another; one that misses it is asked again next pass. */
    void catchUp(EpochDecision.Keep decision, Map<Integer, WorkerAddress> addresses) {
        awaitAll(decision.catchUp().stream().map(p -> push(p, addresses)).toList());
    }

    private CompletableFuture<Boolean> push(EpochDecision.Push push, Map<Integer, WorkerAddress> addresses) {
        return client.push(addresses.get(push.ordinal()), push.assignment())
                .thenApply(AssignmentPusher::took);
    }

    private static boolean took(Optional<ApplyOutcome> outcome) {
        return outcome.isPresent() && (outcome.get() == ApplyOutcome.APPLIED || outcome.get() == ApplyOutcome.UNCHANGED);
    }

    @SafeVarargs
    private void awaitAll(List<CompletableFuture<Boolean>>... pushes) {
        CompletableFuture<?>[] all = Arrays.stream(pushes).flatMap(List::stream).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(all).completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}

package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Asks every pod of a fleet for its status at once, and waits one deadline for the whole pass: pods
 * that do not answer by then count as unreachable, however many there are.
 */
final class FleetObserver {
    private final WorkerClient client;
    private final PassDeadline deadline;

    FleetObserver(WorkerClient client, PassDeadline deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    FleetObservation observe(List<FleetPod> pods) {
        Map<Integer, WorkerAddress> ready = new TreeMap<>();
        Map<Integer, CompletableFuture<Optional<WorkerStatus>>> asked = new TreeMap<>();
        // Pods up but not ready are asked too: one that cannot load its input or reach its broker says so.
        Map<Integer, CompletableFuture<Optional<WorkerStatus>>> askedNotReady = new TreeMap<>();
        for (FleetPod pod : pods) {
            if (pod.ready()) {
                ready.put(pod.ordinal(), pod.address());
                asked.put(pod.ordinal(), client.status(pod.address()));
            } else if (pod.address() != null) {
                askedNotReady.put(pod.ordinal(), client.status(pod.address()));
            }
        }
        List<CompletableFuture<Optional<WorkerStatus>>> all = new ArrayList<>(asked.values());
        all.addAll(askedNotReady.values());
        deadline.awaitAll(all);
        Map<Integer, WorkerStatus> answering = answers(asked);
        Map<Integer, WorkerStatus> notReady = new TreeMap<>();
        answers(askedNotReady).forEach((ordinal, s) -> {
            if ((s.state() == WorkerState.LOADING_INPUT || s.state() == WorkerState.CONNECTING)
                    && s.counters().lastError() != null) {
                notReady.put(ordinal, s);
            }
        });
        return new FleetObservation(ready, answering, notReady);
    }

    /** The answers in by now; a question still open is given up. */
    private static Map<Integer, WorkerStatus> answers(Map<Integer, CompletableFuture<Optional<WorkerStatus>>> asked) {
        Map<Integer, WorkerStatus> answers = new TreeMap<>();
        asked.forEach((ordinal, answer) -> {
            if (answer.isDone()) {
                answer.join().ifPresent(s -> answers.put(ordinal, s));
            } else {
                answer.cancel(true);
            }
        });
        return answers;
    }
}

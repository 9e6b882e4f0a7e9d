package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import java.util.Map;

/**
 * What the fleet's pods said in one pass.
 *
 * @param addresses the ready pods' control addresses, by ordinal
 * @param answering the statuses of the ready pods that answered, by ordinal
 * @param notReady  pods that are up but not ready, by ordinal, each with the status saying what it waits
 *                  for ({@link WorkerState#LOADING_INPUT} or {@link WorkerState#CONNECTING}) and why
 */
public record FleetObservation(
        Map<Integer, WorkerClient.WorkerAddress> addresses,
        Map<Integer, WorkerStatus> answering,
        Map<Integer, WorkerStatus> notReady) {

    public int readyPods() {
        return addresses.size();
    }

    /** Ready pods that did not answer. */
    public int unreachable() {
        return addresses.size() - answering.size();
    }
}

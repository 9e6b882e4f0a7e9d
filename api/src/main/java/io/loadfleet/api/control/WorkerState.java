package io.loadfleet.api.control;

/** What a worker pod is doing. */
public enum WorkerState {
    /**
     * The generator's input (a dataset, a schema) cannot be loaded yet (lastError says why): the pod
     * is not ready, takes no assignment, and tries again.
     */
    LOADING_INPUT,
    /** The sink is not connected yet (lastError says why): the pod is not ready and takes no assignment. */
    CONNECTING,
    /** No assignment yet: connected, sending nothing. */
    IDLE,
    RUNNING,
    /** Assigned but paused. */
    PAUSED,
    /** The assignment's end time has passed. */
    FINISHED
}

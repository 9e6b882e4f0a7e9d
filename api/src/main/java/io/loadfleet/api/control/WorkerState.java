package io.loadfleet.api.control;

/** What a worker pod is doing. */
public enum WorkerState {
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

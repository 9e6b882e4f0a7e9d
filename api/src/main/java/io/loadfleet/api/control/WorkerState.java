package io.loadfleet.api.control;

/** What a worker pod is doing. */
public enum WorkerState {
    /** No assignment yet: connected, sending nothing. */
    IDLE,
    RUNNING,
    /** Assigned but paused. */
    PAUSED,
    /** The assignment's end time has passed. */
    FINISHED
}

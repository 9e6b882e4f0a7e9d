package io.loadfleet.api.status;

/** Lifecycle of a LoadProfile's fleet. */
public enum Phase {
    Pending,
    Running,
    Rescaling,
    Paused,
    Completed,
    Failed
}

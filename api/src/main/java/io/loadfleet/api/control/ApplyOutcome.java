package io.loadfleet.api.control;

/** How a worker took a pushed assignment. */
public enum ApplyOutcome {
    /** A newer epoch: now running it. */
    APPLIED,
    /** The current epoch again, identical: nothing to do (pushes are idempotent). */
    UNCHANGED,
    /** An older epoch: refused, the current one stays. */
    STALE,
    /** The current epoch with different content: refused, epochs are immutable. */
    CONFLICT
}

package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Records that spec.faults injected on purpose (marked {@code loadfleet.injected} in their identity), counted apart
 * from real loss, duplication and disorder: by a run as it sent them, or by a verifier as it consumed them.
 *
 * @param duplicates copies of a record sent right after it
 * @param outOfOrder records sent on time with their event time shifted back
 * @param late       records held back and sent after later ones
 */
public record InjectedFaults(
        @JsonPropertyDescription("Copies of a record injected right after it (loadfleet.injected: duplicate).")
        long duplicates,

        @JsonPropertyDescription(
                "Records whose event time was shifted back on purpose (loadfleet.injected: " + "out-of-order).")
        long outOfOrder,

        @JsonPropertyDescription("Records held back and sent after later ones on purpose (loadfleet.injected: late).")
        long late) {

    public static final InjectedFaults NONE = new InjectedFaults(0, 0, 0);

    public InjectedFaults plus(InjectedFaults o) {
        return new InjectedFaults(duplicates + o.duplicates, outOfOrder + o.outOfOrder, late + o.late);
    }

    /** Nothing injected. */
    @JsonIgnore
    public boolean isNone() {
        return duplicates == 0 && outOfOrder == 0 && late == 0;
    }

    /** These counts, or null when there are none: reports and statuses leave the field out then. */
    public InjectedFaults orNull() {
        return isNone() ? null : this;
    }
}

package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How spec.generator.dataset.timestamps rebases its column onto the run's time. */
public enum TimestampMode {
    /** Each record's value is its event time (the scheduled send time). */
    @JsonProperty("now")
    NOW,
    /**
     * Every value moves by one offset, so the column's earliest value is the fleet's start and the
     * rows keep their spacing.
     */
    @JsonProperty("shift")
    SHIFT;

    /** The name used in YAML. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What spec.generator.dataset.regenerate writes into a column of every drawn row. */
public enum RegenerateKind {
    /** A fresh version-4 UUID from the record's random stream: a string column. */
    @JsonProperty("uuid")
    UUID,
    /**
     * shard × 10^14 + the record's sequence number, unique across the fleet's shards: a long
     * column, or a string one (its decimal text).
     */
    @JsonProperty("sequence")
    SEQUENCE;

    /** The multiplier that keeps each shard's sequence numbers apart: room for 10^14 records a shard. */
    public static final long SHARD_STRIDE = 100_000_000_000_000L;

    /** The name used in YAML. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

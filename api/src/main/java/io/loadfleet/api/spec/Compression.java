package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kafka producer compression.type. */
public enum Compression {
    @JsonProperty("none")
    NONE,
    @JsonProperty("gzip")
    GZIP,
    @JsonProperty("snappy")
    SNAPPY,
    @JsonProperty("lz4")
    LZ4,
    @JsonProperty("zstd")
    ZSTD;

    /** The value of the producer's {@code compression.type} property. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

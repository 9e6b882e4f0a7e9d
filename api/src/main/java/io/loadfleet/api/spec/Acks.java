package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kafka producer acks. */
public enum Acks {
    @JsonProperty("0")
    NONE("0"),
    @JsonProperty("1")
    LEADER("1"),
    @JsonProperty("all")
    ALL("all");

    private final String value;

    Acks(String value) {
        this.value = value;
    }

    /** The value of the producer's {@code acks} property. */
    public String value() {
        return value;
    }
}

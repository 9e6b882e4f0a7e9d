package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire format of message values. */
public enum Format {
    /** UTF-8 JSON object with the generator's snake_case fields. */
    @JsonProperty("json")
    JSON,
    /** Avro binary (no container header) of the generator's schema. */
    @JsonProperty("avro")
    AVRO
}

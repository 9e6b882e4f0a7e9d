package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The type of a dataset column, and of the record field it becomes. */
public enum ColumnType {
    @JsonProperty("string")
    STRING,
    @JsonProperty("int")
    INT,
    @JsonProperty("long")
    LONG,
    @JsonProperty("double")
    DOUBLE,
    @JsonProperty("boolean")
    BOOLEAN,
    /** An ISO-8601 instant (2026-01-31T12:00:00Z) or epoch milliseconds; an Avro timestamp-millis. */
    @JsonProperty("timestamp")
    TIMESTAMP;

    /** The name used in YAML. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

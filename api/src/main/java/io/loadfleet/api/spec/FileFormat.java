package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a file sink lays out the records in its files. */
public enum FileFormat {
    /** Comma-separated values with a header row of the field names. */
    @JsonProperty("csv")
    CSV,
    /** One JSON object a line, as the JSON format sends it. */
    @JsonProperty("jsonl")
    JSONL,
    /** Apache Parquet, Snappy-compressed, with the generator's Avro schema. */
    @JsonProperty("parquet")
    PARQUET;

    /** The file name extension, e.g. {@code parquet}. */
    public String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

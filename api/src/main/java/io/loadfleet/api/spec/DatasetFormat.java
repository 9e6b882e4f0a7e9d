package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a dataset file is laid out. */
public enum DatasetFormat {
    /** Comma-separated values with a header row naming the columns. */
    @JsonProperty("csv") CSV,
    /** One JSON object a line. */
    @JsonProperty("jsonl") JSONL;

    /** The format a file name's extension says: .csv, or .jsonl / .ndjson; empty for any other. */
    public static java.util.Optional<DatasetFormat> ofName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".csv") ? java.util.Optional.of(CSV)
                : lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? java.util.Optional.of(JSONL)
                : java.util.Optional.empty();
    }
}

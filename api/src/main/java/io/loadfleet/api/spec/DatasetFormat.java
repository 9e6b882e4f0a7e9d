package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/** How a dataset file is laid out. */
public enum DatasetFormat {
    /** Comma-separated values with a header row naming the columns. */
    @JsonProperty("csv")
    CSV,
    /** One JSON object a line. */
    @JsonProperty("jsonl")
    JSONL;

    /** The format a file name's extension says: .csv, or .jsonl / .ndjson; empty for any other. */
    public static Optional<DatasetFormat> ofName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv")
                ? Optional.of(CSV)
                : lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? Optional.of(JSONL) : Optional.empty();
    }
}

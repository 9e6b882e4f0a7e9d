package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.HdrHistogram.Histogram;

/** Percentiles of one latency, in milliseconds, over every record the fleet's current pods measured. */
public record LatencyPercentiles(
        @JsonPropertyDescription("Records measured.") long count,
        @JsonPropertyDescription("Median, in milliseconds.") double p50,

        @JsonPropertyDescription("99th percentile, in milliseconds.")
        double p99,

        @JsonPropertyDescription("99.9th percentile, in milliseconds.")
        double p999,

        @JsonPropertyDescription("Largest value, in milliseconds.")
        double max) {

    /** From a histogram of microseconds. */
    public static LatencyPercentiles ofMicros(Histogram micros) {
        return new LatencyPercentiles(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}

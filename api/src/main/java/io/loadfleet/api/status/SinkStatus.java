package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One sink's figures, summed over the fleet's pods: with several sinks each is counted on its own, and the fleet's
 * own achievedRate is the slowest sink's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SinkStatus(
        @JsonPropertyDescription("The sink: kafka, pulsar or file, its member of spec.sink.")
        String type,

        @JsonPropertyDescription("Messages handed to this sink since the fleet started.")
        long sent,

        @JsonPropertyDescription("Messages this sink acknowledged since the fleet started.")
        long acked,

        @JsonPropertyDescription("Messages this sink failed to take since the fleet started.")
        long errors,

        @JsonPropertyDescription(
                "Messages per second this sink acknowledged (a file sink: wrote), over about the " + "last 5 s.")
        Double achievedRate,

        @JsonPropertyDescription("Latency from each message's scheduled send time to this sink's acknowledgement.")
        LatencyPercentiles publishLatency,

        @JsonPropertyDescription("The latest error this sink reported, if any.")
        String lastError) {}

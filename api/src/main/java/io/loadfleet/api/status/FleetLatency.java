package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The fleet's latencies: the pods' HdrHistograms merged by the operator, since the pods started.
 * Publish latency counts from the intended send time, so a stalled sender shows up in it rather
 * than hiding (no coordinated omission); the schedule delay says how late sends left.
 */
public record FleetLatency(
        @JsonPropertyDescription("Intended send time to the broker's acknowledgement.")
        LatencyPercentiles publishMs,

        @JsonPropertyDescription("Actual minus intended send time: how far the senders fell behind the schedule.")
        LatencyPercentiles scheduleDelayMs) {}

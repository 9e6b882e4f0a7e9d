package io.loadfleet.api.plan;

import java.time.Duration;

/** A ramp stage as one shard runs it: reach {@code rate} linearly by the end of {@code duration}. */
public record StagePlan(Duration duration, long rate) {}

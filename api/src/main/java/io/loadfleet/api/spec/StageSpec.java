package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One step of a ramp: reach targetRate, linearly, by the end of duration. */
public class StageSpec {
    @JsonPropertyDescription("How long the stage lasts, e.g. 2m.")
    private String duration;

    @JsonPropertyDescription("Fleet rate reached at the end of the stage.")
    private Long targetRate;

    public StageSpec() {
    }

    public StageSpec(String duration, Long targetRate) {
        this.duration = duration;
        this.targetRate = targetRate;
    }

    public String getDuration() { return duration; }
    public void setDuration(String duration) { this.duration = duration; }
    public Long getTargetRate() { return targetRate; }
    public void setTargetRate(Long targetRate) { this.targetRate = targetRate; }
}

package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One step of a ramp: reach targetRate, linearly, by the end of duration. */
public class StageSpec {
    @JsonPropertyDescription("How long the stage lasts, above zero: digits with ms, s, m or h, e.g. 2m or 1h30m.")
    @Required
    @Pattern(Durations.PATTERN)
    private String duration;

    @JsonPropertyDescription("Fleet rate (messages per second, 0 to 1000000000) reached at the end of the stage.")
    @Required
    @Min(0)
    @Max(Limits.MAX_TARGET_RATE)
    private Long targetRate;

    public StageSpec() {}

    public StageSpec(String duration, Long targetRate) {
        this.duration = duration;
        this.targetRate = targetRate;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public Long getTargetRate() {
        return targetRate;
    }

    public void setTargetRate(Long targetRate) {
        this.targetRate = targetRate;
    }
}

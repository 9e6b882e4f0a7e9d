package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** spec.faults.late: records held back and sent a while after they were due. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LateFaultSpec {
    public static final Duration DEFAULT_DELAY = Duration.ofMinutes(2);

    @JsonPropertyDescription("Share of records held back, 0 to 1, e.g. 0.001. A pod keeps fraction × its rate × "
            + "delay of them in memory at once, at most " + FaultsSpec.MAX_HELD_RECORDS + ".")
    @Required
    @Min(0)
    @Max(1)
    private Double fraction;

    @JsonPropertyDescription("How long after it was due a held record is sent, above 0 and at most 1h: digits with "
            + "ms, s, m or h. It goes out with the first record due from then on; any still held when the run ends "
            + "go out then, less late. Default 2m.")
    @Pattern(Durations.PATTERN)
    @ValidationRule(
            value = FaultsSpec.CEL_UP_TO_MAX_DURATION,
            message = "spec.faults.late.delay: must be above 0 and at most 1h, e.g. 2m, or left out for 2m")
    private String delay;

    public Double getFraction() {
        return fraction;
    }

    public void setFraction(Double fraction) {
        this.fraction = fraction;
    }

    public String getDelay() {
        return delay;
    }

    public void setDelay(String delay) {
        this.delay = delay;
    }

    /** delay with its default applied; for a validated spec. */
    @JsonIgnore
    public Duration effectiveDelay() {
        return delay == null ? DEFAULT_DELAY : Durations.require(delay);
    }
}

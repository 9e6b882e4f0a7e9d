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

/** spec.faults.outOfOrder: records sent on time whose event time is shifted back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OutOfOrderFaultSpec {
    public static final Duration DEFAULT_MAX_SHIFT = Duration.ofSeconds(5);

    @JsonPropertyDescription("Share of records whose event time is shifted back, 0 to 1, e.g. 0.01.")
    @Required
    @Min(0)
    @Max(1)
    private Double fraction;

    @JsonPropertyDescription("The largest shift back, above 0 and at most 1h: digits with ms, s, m or h. Each "
            + "record's shift is uniform in (0, maxShift], in whole milliseconds. Default 5s.")
    @Pattern(Durations.PATTERN)
    @ValidationRule(
            value = FaultsSpec.CEL_UP_TO_MAX_DURATION,
            message = "spec.faults.outOfOrder.maxShift: must be above 0 and at most 1h, e.g. 5s, or left out for 5s")
    private String maxShift;

    public Double getFraction() {
        return fraction;
    }

    public void setFraction(Double fraction) {
        this.fraction = fraction;
    }

    public String getMaxShift() {
        return maxShift;
    }

    public void setMaxShift(String maxShift) {
        this.maxShift = maxShift;
    }

    /** maxShift with its default applied; for a validated spec. */
    @JsonIgnore
    public Duration effectiveMaxShift() {
        return maxShift == null ? DEFAULT_MAX_SHIFT : Durations.require(maxShift);
    }
}

package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** The pool of simulated devices (meters, sensors, accounts, players). */
public class DevicesSpec {
    @JsonPropertyDescription("Number of devices, 1 to 10000000000; device ids are 0..count-1, split into contiguous "
            + "per-pod ranges. At least one and at most 5000000 devices per replica.")
    @Required
    @Min(1)
    @Max(Limits.MAX_DEVICES)
    private Long count;

    public Long getCount() {
        return count;
    }

    public void setCount(Long count) {
        this.count = count;
    }
}

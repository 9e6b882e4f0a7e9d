package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The pool of simulated devices (meters, sensors, accounts, players), and how records are spread over it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.order) || self.order != 'round-robin' || !has(self.distribution)"
                + " || !has(self.distribution.type) || self.distribution.type == 'uniform'",
        fieldPath = ".order",
        message = "spec.devices.order: round-robin visits every device equally often, which a skewed distribution "
                + "contradicts: set order: random or leave it out")
public class DevicesSpec {
    @JsonPropertyDescription("Number of devices, 1 to 10000000000; device ids are 0..count-1, split into contiguous "
            + "per-pod ranges. At least one and at most 5000000 devices per replica.")
    @Required
    @Min(1)
    @Max(Limits.MAX_DEVICES)
    private Long count;

    @JsonPropertyDescription("round-robin (default, or random with a skewed distribution): each device of a pod's "
            + "range in turn | random: each record draws its device from the pod's range.")
    private DeviceOrder order;

    @JsonPropertyDescription(
            "Which device of its pod's range each record belongs to: uniform (default), zipf or " + "hotset.")
    private DistributionSpec distribution;

    public DeviceOrder getOrder() {
        return order;
    }

    public void setOrder(DeviceOrder order) {
        this.order = order;
    }

    public DistributionSpec getDistribution() {
        return distribution;
    }

    public void setDistribution(DistributionSpec distribution) {
        this.distribution = distribution;
    }

    /** order with its default applied: random when the distribution is skewed, else round-robin. */
    public DeviceOrder effectiveOrder() {
        if (order != null) {
            return order;
        }
        return distribution != null && distribution.isSkewed() ? DeviceOrder.RANDOM : DeviceOrder.ROUND_ROBIN;
    }

    public Long getCount() {
        return count;
    }

    public void setCount(Long count) {
        this.count = count;
    }
}

package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Which device of its pod's range each record belongs to: key skew. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.exponent) || (has(self.type) && self.type == 'zipf')",
        fieldPath = ".exponent",
        message = "spec.devices.distribution.exponent: is for type zipf only: remove it or set type: zipf")
@ValidationRule(
        value = "(!has(self.hotFraction) && !has(self.hotShare)) || (has(self.type) && self.type == 'hotset')",
        message = "spec.devices.distribution: hotFraction and hotShare are for type hotset only: set type: hotset or "
                + "remove them")
public class DistributionSpec {
    public static final double DEFAULT_ZIPF_EXPONENT = 1.1;
    public static final double DEFAULT_HOT_FRACTION = 0.01;
    public static final double DEFAULT_HOT_SHARE = 0.5;
    /** Above this a zipf puts nearly every record on the hottest device: no longer a realistic skew. */
    public static final double MAX_ZIPF_EXPONENT = 10;

    @JsonPropertyDescription("uniform (default) | zipf | hotset: how often each device of a pod's range is drawn. "
            + "A skewed distribution draws devices at random (devices.order random).")
    private DistributionType type;

    @JsonPropertyDescription("type zipf: the k-th hottest device of a pod's range gets a share proportional to "
            + "1/k^exponent; above 0 and at most 10. Default 1.1.")
    @Min(0)
    @Max(MAX_ZIPF_EXPONENT)
    @ValidationRule(
            value = "self > 0.0",
            message = "spec.devices.distribution.exponent: must be above 0: give e.g. 1.1, or use type uniform")
    private Double exponent;

    @JsonPropertyDescription("type hotset: the share of a pod's devices that are hot, above 0 and below 1 "
            + "(at least one device is). Default 0.01.")
    @Min(0)
    @Max(1)
    @ValidationRule(
            value = "self > 0.0 && self < 1.0",
            message = "spec.devices.distribution.hotFraction: must be above 0 and below 1: give e.g. 0.01 for 1 %")
    private Double hotFraction;

    @JsonPropertyDescription("type hotset: the share of the records the hot devices get, 0 to 1. Default 0.5.")
    @Min(0)
    @Max(1)
    private Double hotShare;

    public DistributionType getType() {
        return type;
    }

    public void setType(DistributionType type) {
        this.type = type;
    }

    public Double getExponent() {
        return exponent;
    }

    public void setExponent(Double exponent) {
        this.exponent = exponent;
    }

    public Double getHotFraction() {
        return hotFraction;
    }

    public void setHotFraction(Double hotFraction) {
        this.hotFraction = hotFraction;
    }

    public Double getHotShare() {
        return hotShare;
    }

    public void setHotShare(Double hotShare) {
        this.hotShare = hotShare;
    }

    public DistributionType effectiveType() {
        return type == null ? DistributionType.UNIFORM : type;
    }

    public double effectiveExponent() {
        return exponent == null ? DEFAULT_ZIPF_EXPONENT : exponent;
    }

    public double effectiveHotFraction() {
        return hotFraction == null ? DEFAULT_HOT_FRACTION : hotFraction;
    }

    public double effectiveHotShare() {
        return hotShare == null ? DEFAULT_HOT_SHARE : hotShare;
    }

    /** Whether some devices are drawn more often than others. */
    @JsonIgnore
    public boolean isSkewed() {
        return effectiveType() != DistributionType.UNIFORM;
    }
}

package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How often each device of a pod's range is drawn. */
public enum DistributionType {
    @JsonProperty("uniform")
    UNIFORM,
    /** The k-th hottest device gets a share proportional to 1/k^exponent: a few hot keys, a long tail. */
    @JsonProperty("zipf")
    ZIPF,
    /** A hot set of hotFraction of the devices gets hotShare of the records; the rest share the remainder evenly. */
    @JsonProperty("hotset")
    HOTSET
}
